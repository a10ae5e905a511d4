import type { RankedHit } from "./ranking-policy";

/**
 * Keeps the best `capacity` (score, id) pairs seen so far in a binary
 * min-heap whose root is the worst kept pair. A higher score is better. On
 * equal scores the smaller id (by UTF-16 code units) is better, so results
 * do not depend on storage order.
 */
export class TopKHeap {
  private readonly capacity: number;
  private readonly scores: number[] = [];
  private readonly ids: string[] = [];

  constructor(capacity: number) {
    this.capacity = capacity;
  }

  get size(): number {
    return this.scores.length;
  }

  /** Adds a pair if it beats the worst kept one or there is room. */
  offer(score: number, id: string): void {
    if (this.capacity <= 0) return;

    if (this.scores.length < this.capacity) {
      this.scores.push(score);
      this.ids.push(id);
      this.siftUp(this.scores.length - 1);
      return;
    }

    if (!isBetter(score, id, this.scores[0]!, this.ids[0]!)) return;
    this.scores[0] = score;
    this.ids[0] = id;
    this.siftDown(0);
  }

  /** Returns the kept pairs best first. */
  sorted(): RankedHit[] {
    const hits = this.scores.map((score, i) => ({ id: this.ids[i]!, score }));
    return hits.sort((a, b) => (isBetter(a.score, a.id, b.score, b.id) ? -1 : 1));
  }

  private siftUp(start: number): void {
    let i = start;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.isWorse(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(start: number): void {
    const n = this.scores.length;
    let i = start;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let worst = i;
      if (left < n && this.isWorse(left, worst)) worst = left;
      if (right < n && this.isWorse(right, worst)) worst = right;
      if (worst === i) return;
      this.swap(i, worst);
      i = worst;
    }
  }

  private isWorse(a: number, b: number): boolean {
    return isBetter(this.scores[b]!, this.ids[b]!, this.scores[a]!, this.ids[a]!);
  }

  private swap(a: number, b: number): void {
    [this.scores[a], this.scores[b]] = [this.scores[b]!, this.scores[a]!];
    [this.ids[a], this.ids[b]] = [this.ids[b]!, this.ids[a]!];
  }
}

/** True when (scoreA, idA) ranks before (scoreB, idB). */
export function isBetter(scoreA: number, idA: string, scoreB: number, idB: string): boolean {
  if (scoreA !== scoreB) return scoreA > scoreB;
  return idA < idB;
}

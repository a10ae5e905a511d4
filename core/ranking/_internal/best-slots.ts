/**
 * Returns the indices k in [0, count) of the `limit` highest `scores[k]`,
 * best first, with a bounded min-heap: O(count log limit) and no sorting of
 * the whole shortlist, which costs much more in an interpreter.
 */
export function bestIndices(scores: Float64Array, count: number, limit: number): number[] {
  const heap: number[] = [];
  for (let k = 0; k < count; k++) {
    if (heap.length < limit) {
      heap.push(k);
      siftUp(heap, scores, heap.length - 1);
    } else if (limit > 0 && scores[k]! > scores[heap[0]!]!) {
      heap[0] = k;
      siftDown(heap, scores, 0);
    }
  }
  return heap.sort((a, b) => scores[b]! - scores[a]! || a - b);
}

function siftUp(heap: number[], scores: Float64Array, index: number): void {
  let i = index;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (scores[heap[parent]!]! <= scores[heap[i]!]!) return;
    swap(heap, i, parent);
    i = parent;
  }
}

function siftDown(heap: number[], scores: Float64Array, index: number): void {
  let i = index;
  for (;;) {
    const left = 2 * i + 1;
    const right = left + 1;
    let smallest = i;
    if (left < heap.length && scores[heap[left]!]! < scores[heap[smallest]!]!) smallest = left;
    if (right < heap.length && scores[heap[right]!]! < scores[heap[smallest]!]!) smallest = right;
    if (smallest === i) return;
    swap(heap, i, smallest);
    i = smallest;
  }
}

function swap(heap: number[], a: number, b: number): void {
  const held = heap[a]!;
  heap[a] = heap[b]!;
  heap[b] = held;
}

// Synthetic embeddings shaped like CLIP ViT-B/32 output, for measuring search
// speed and recall without real photos or weights.
//
// Model: every vector is a sum of unit directions in R^d, normalised.
//   image = normalise(a * imageMean + b * topic + c * subtopic + e * noise)
//   text  = normalise(a' * textMean + b' * topic + c' * subtopic + e' * noise)
// imageMean and textMean are fixed directions with cos(imageMean, textMean) = 0.3,
// which gives CLIP's gap between image and text cones. Topics (clusters)
// have Zipf-distributed sizes, each with a few subtopics (scenes, bursts).
// The topic weight b varies per image (log-normal), because photos show
// their subject more or less prominently. Without it the best matches of a
// query would be ties broken by noise alone.
// Noise is anisotropic: each coordinate has its own standard deviation
// (log-normal), as trained embeddings spread unevenly over coordinates.
// A share of images are near copies of another (cosine about 0.97, like
// burst shots) or exact copies.
//
// With the default weights, image-image cosines fall mostly in 0.4-0.9 and
// text-image cosines in 0.1-0.35 (printed by `describeCosines`), the ranges
// reported for CLIP ViT-B/32.

/** Generator settings. Defaults give CLIP-like cosine ranges at any size. */
export interface ClipLikeOptions {
  readonly count: number;
  readonly dimension: number;
  readonly seed: number;
  /** Number of topics; default sqrt(count) * 2, at least 8. */
  readonly topics?: number;
  /** Share of images that are near copies (cosine about 0.97) of an earlier image. */
  readonly nearCopyShare?: number;
  /** Share of images that are exact copies of an earlier image. */
  readonly exactCopyShare?: number;
}

/** A generated collection: `count` unit image vectors, then queries from `queries`. */
export interface ClipLikeData {
  readonly dimension: number;
  readonly images: Float32Array;
  readonly count: number;
  /** Creates `n` unit text-like query vectors, deterministic for the data's seed and `n`. */
  queries(n: number): Float32Array;
}

const IMAGE_MEAN_WEIGHT = 0.75;
const TOPIC_WEIGHT = 0.5;
const SUBTOPIC_WEIGHT = 0.3;
const IMAGE_NOISE_WEIGHT = 0.45;
const TEXT_MEAN_WEIGHT = 0.8;
const TEXT_TOPIC_WEIGHT = 0.32;
const TEXT_SUBTOPIC_WEIGHT = 0.2;
const TEXT_NOISE_WEIGHT = 0.5;
const PROMINENCE_SPREAD = 0.35;
const MODALITY_COSINE = 0.3;

/** Generates a deterministic CLIP-like collection. */
export function generateClipLike(options: ClipLikeOptions): ClipLikeData {
  const { count, dimension, seed } = options;
  const random = mulberry32(seed);
  const topicCount = options.topics ?? Math.max(8, Math.round(Math.sqrt(count) * 2));
  const spread = coordinateSpread(dimension, random);

  const imageMean = randomUnit(dimension, random, null);
  const textMean = tilted(imageMean, MODALITY_COSINE, random);
  const topics = Array.from({ length: topicCount }, () => randomUnit(dimension, random, spread));
  const subtopics = topics.map(() => Array.from({ length: 4 }, () => randomUnit(dimension, random, spread)));
  const topicWeights = zipfCumulative(topicCount);

  const images = new Float32Array(count * dimension);
  const nearShare = options.nearCopyShare ?? 0.05;
  const exactShare = options.exactCopyShare ?? 0.01;
  for (let i = 0; i < count; i++) {
    const row = images.subarray(i * dimension, (i + 1) * dimension);
    const roll = random();
    if (i > 0 && roll < exactShare) {
      copyRow(images, pickEarlier(i, random), row, dimension);
    } else if (i > 0 && roll < exactShare + nearShare) {
      copyRow(images, pickEarlier(i, random), row, dimension);
      addScaled(row, randomUnit(dimension, random, spread), 0.25);
      normalise(row);
    } else {
      const topic = pickTopic(topicWeights, random);
      // How strongly a photo shows its topic varies, so relevance is graded rather than tied.
      const prominence = Math.exp(PROMINENCE_SPREAD * gaussian(random));
      mix(row, [[imageMean, IMAGE_MEAN_WEIGHT], [topics[topic]!, TOPIC_WEIGHT * prominence],
        [subtopics[topic]![Math.floor(random() * 4)]!, SUBTOPIC_WEIGHT],
        [randomUnit(dimension, random, spread), IMAGE_NOISE_WEIGHT]]);
    }
  }

  return {
    dimension,
    images,
    count,
    queries(n) {
      const queryRandom = mulberry32(seed ^ 0x5bd1e995 ^ n);
      const out = new Float32Array(n * dimension);
      for (let q = 0; q < n; q++) {
        const topic = pickTopic(topicWeights, queryRandom);
        const subtopic = subtopics[topic]![Math.floor(queryRandom() * 4)]!;
        mix(out.subarray(q * dimension, (q + 1) * dimension), [[textMean, TEXT_MEAN_WEIGHT],
          [topics[topic]!, TEXT_TOPIC_WEIGHT], [subtopic, TEXT_SUBTOPIC_WEIGHT],
          [randomUnit(dimension, queryRandom, spread), TEXT_NOISE_WEIGHT]]);
      }
      return out;
    },
  };
}

/** Summary of pairwise cosines from a sample: image-image and text-image percentiles. */
export function describeCosines(data: ClipLikeData, samples = 2000): { imageImage: number[]; textImage: number[] } {
  const random = mulberry32(7);
  const d = data.dimension;
  const queries = data.queries(64);
  const imageImage: number[] = [];
  const textImage: number[] = [];
  for (let s = 0; s < samples; s++) {
    const a = Math.floor(random() * data.count);
    const b = Math.floor(random() * data.count);
    const q = Math.floor(random() * 64);
    imageImage.push(dotRows(data.images, a * d, data.images, b * d, d));
    textImage.push(dotRows(queries, q * d, data.images, a * d, d));
  }
  return { imageImage: percentiles(imageImage), textImage: percentiles(textImage) };
}

/** Returns the 5th, 25th, 50th, 75th and 95th percentiles of `values`. */
function percentiles(values: number[]): number[] {
  const sorted = values.slice().sort((x, y) => x - y);
  return [0.05, 0.25, 0.5, 0.75, 0.95].map((p) => sorted[Math.floor(p * (sorted.length - 1))]!);
}

function dotRows(a: Float32Array, aOffset: number, b: Float32Array, bOffset: number, d: number): number {
  let sum = 0;
  for (let i = 0; i < d; i++) sum += a[aOffset + i]! * b[bOffset + i]!;
  return sum;
}

function copyRow(images: Float32Array, from: number, row: Float32Array, d: number): void {
  row.set(images.subarray(from * d, (from + 1) * d));
}

function pickEarlier(i: number, random: () => number): number {
  return Math.floor(random() * i);
}

function mix(row: Float32Array, parts: [Float64Array, number][]): void {
  row.fill(0);
  for (const [direction, weight] of parts) addScaled(row, direction, weight);
  normalise(row);
}

function addScaled(row: Float32Array, direction: Float64Array, weight: number): void {
  for (let i = 0; i < row.length; i++) row[i] = row[i]! + weight * direction[i]!;
}

function normalise(row: Float32Array | Float64Array): void {
  let squares = 0;
  for (let i = 0; i < row.length; i++) squares += row[i]! * row[i]!;
  const scale = 1 / Math.sqrt(squares);
  for (let i = 0; i < row.length; i++) row[i] = row[i]! * scale;
}

/** Returns a unit vector with the given cosine to `base`, tilted in a random orthogonal direction. */
function tilted(base: Float64Array, cosine: number, random: () => number): Float64Array {
  const other = randomUnit(base.length, random, null);
  let along = 0;
  for (let i = 0; i < base.length; i++) along += other[i]! * base[i]!;
  for (let i = 0; i < base.length; i++) other[i] = other[i]! - along * base[i]!;
  normalise(other);
  const sine = Math.sqrt(1 - cosine * cosine);
  const out = new Float64Array(base.length);
  for (let i = 0; i < base.length; i++) out[i] = cosine * base[i]! + sine * other[i]!;
  return out;
}

/** Returns a random unit vector, each coordinate scaled by `spread` when given. */
function randomUnit(d: number, random: () => number, spread: Float64Array | null): Float64Array {
  const out = new Float64Array(d);
  for (let i = 0; i < d; i++) out[i] = gaussian(random) * (spread === null ? 1 : spread[i]!);
  normalise(out);
  return out;
}

function coordinateSpread(d: number, random: () => number): Float64Array {
  const spread = new Float64Array(d);
  for (let i = 0; i < d; i++) spread[i] = Math.exp(0.5 * gaussian(random));
  return spread;
}

function zipfCumulative(n: number): Float64Array {
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    total += 1 / (i + 1) ** 0.8;
    cumulative[i] = total;
  }
  for (let i = 0; i < n; i++) cumulative[i] = cumulative[i]! / total;
  return cumulative;
}

function pickTopic(cumulative: Float64Array, random: () => number): number {
  const r = random();
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (cumulative[middle]! < r) low = middle + 1;
    else high = middle;
  }
  return low;
}

function gaussian(random: () => number): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** mulberry32, a small seeded 32-bit generator, so data is the same in Node and JavaScriptCore. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Class balancing for BUSV's 113 benign : 75 malignant videos, as the profile's `classBalancing`:
//   'weighted-loss': inverse-frequency class weights w_c = N / (K n_c) (sklearn's "balanced"),
//     used in the cross-entropy;
//   'oversample': every epoch holds each class as often as the largest one (the minority repeated,
//     whole copies first, then a random remainder), interleaved so that every batch of even size
//     is exactly balanced.
import type { Rng } from '@lddm/runtime';

export function classCounts(labels: ArrayLike<number>, numClasses: number): number[] {
  const counts = Array.from({ length: numClasses }, () => 0);
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i];
    if (!Number.isInteger(y) || y < 0 || y >= numClasses) throw new Error(`classCounts: label ${y} outside [0, ${numClasses})`);
    counts[y]++;
  }
  return counts;
}

/** w_c = N / (K n_c); a class absent from the labels gets weight 0. */
export function inverseFrequencyWeights(labels: ArrayLike<number>, numClasses: number): number[] {
  const counts = classCounts(labels, numClasses);
  return counts.map((n) => (n === 0 ? 0 : labels.length / (numClasses * n)));
}

/** Indices 0..N-1 in random order. */
export function shuffledOrder(n: number, rng: Rng): number[] {
  return rng.shuffle(Array.from({ length: n }, (_, i) => i));
}

/**
 * One oversampled epoch: K * max_c n_c indices, class by class in turn (c0, c1, ..., c0, c1, ...),
 * each class's list a shuffled run of its own indices (repeated whole, then a random part).
 */
export function balancedOrder(labels: ArrayLike<number>, numClasses: number, rng: Rng): number[] {
  const byClass: number[][] = Array.from({ length: numClasses }, () => []);
  for (let i = 0; i < labels.length; i++) byClass[labels[i]]?.push(i);
  const present = byClass.filter((rows) => rows.length > 0);
  if (present.length === 0) return [];
  const longest = Math.max(...present.map((rows) => rows.length));
  const lists = present.map((rows) => {
    const out: number[] = [];
    while (out.length + rows.length <= longest) out.push(...rng.shuffle(rows));
    out.push(...rng.shuffle(rows).slice(0, longest - out.length));
    return rng.shuffle(out);
  });
  // Interleave, then shuffle within each round of K so that class order inside a batch varies.
  return Array.from({ length: longest }, (_, i) => rng.shuffle(lists.map((l) => l[i]))).flat();
}

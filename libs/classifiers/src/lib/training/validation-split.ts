// The validation slice for early stopping and checkpoint selection, carved out of the TRAINING
// split only (the test videos are never seen before the final evaluation): whole videos, drawn
// per class so that both classes keep their proportion (round(valFraction * videos of the class),
// at least one when the class has two or more videos).
import type { Rng } from '@lddm/runtime';

export interface RowSplit {
  train: number[];
  val: number[];
  valVideoIds: string[];
}

export function splitValidation(labels: ArrayLike<number>, videoIds: readonly string[], valFraction: number, rng: Rng): RowSplit {
  if (!(valFraction >= 0 && valFraction < 1)) throw new Error(`splitValidation: valFraction must be in [0, 1), got ${valFraction}`);
  const labelOf = new Map<string, number>();
  videoIds.forEach((id, i) => {
    const known = labelOf.get(id);
    if (known !== undefined && known !== labels[i]) throw new Error(`splitValidation: video ${id} has clips of classes ${known} and ${labels[i]}`);
    labelOf.set(id, labels[i]);
  });
  const valVideos = new Set<string>();
  if (valFraction > 0) {
    const classes = [...new Set(labelOf.values())].sort((a, b) => a - b);
    for (const y of classes) {
      const videos = [...labelOf.entries()].filter(([, l]) => l === y).map(([id]) => id).sort();
      const take = videos.length >= 2 ? Math.max(1, Math.round(valFraction * videos.length)) : 0;
      for (const id of rng.shuffle(videos).slice(0, Math.min(take, videos.length - 1))) valVideos.add(id);
    }
  }
  const train: number[] = [];
  const val: number[] = [];
  videoIds.forEach((id, i) => (valVideos.has(id) ? val : train).push(i));
  return { train, val, valVideoIds: [...valVideos].sort() };
}

// Shape checks shared by the pairwise video metrics.
import type { tf } from '@lddm/runtime';

/** Both videos [N, T, H, W, C] with the same shape. */
export function checkVideoPair(where: string, a: tf.Tensor, b: tf.Tensor): void {
  if (a.rank !== 5) throw new Error(`${where}: expected videos [N, T, H, W, C], got shape [${a.shape.join(', ')}]`);
  if (a.shape.join(',') !== b.shape.join(',')) {
    throw new Error(`${where}: the two video sets differ in shape ([${a.shape.join(', ')}] vs [${b.shape.join(', ')}])`);
  }
}

// The one contract every invertible piece of the cINN satisfies (Dinh et al. 2017, RealNVP):
// an invertible map y = f(x; cond) with its per-sample log|det df/dx|, so that the change of
// variables log p(x | c) = log N(f(x; c); 0, I) + log|det J_f(x; c)| can be summed block by block.
import type { tf } from '@lddm/runtime';

export interface FlowOutput {
  /** y = f(x; cond), [B, D]. */
  y: tf.Tensor2D;
  /** log|det df/dx| per sample, [B]. */
  logdet: tf.Tensor1D;
}

export interface FlowBlock {
  /** x [B, D], cond [B, c] (blocks that ignore the condition still take it). */
  forward(x: tf.Tensor2D, cond: tf.Tensor2D): FlowOutput;
  /** x = f^{-1}(y; cond), [B, D]. */
  inverse(y: tf.Tensor2D, cond: tf.Tensor2D): tf.Tensor2D;
}

/** Throws unless x is [B, dim] and cond is [B, condDim] with the same B. */
export function checkFlowInput(label: string, x: tf.Tensor, cond: tf.Tensor, dim: number, condDim?: number): void {
  if (x.rank !== 2 || x.shape[1] !== dim) throw new Error(`${label}: expected x of shape [B, ${dim}], got [${x.shape.join(', ')}]`);
  if (cond.rank !== 2 || cond.shape[0] !== x.shape[0] || (condDim !== undefined && cond.shape[1] !== condDim)) {
    throw new Error(`${label}: expected cond of shape [${x.shape[0]}, ${condDim ?? 'c'}], got [${cond.shape.join(', ')}]`);
  }
}

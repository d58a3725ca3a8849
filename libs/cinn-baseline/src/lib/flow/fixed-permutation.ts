// A fixed permutation of the dimensions after each block (the cINN reference's Shuffle:
// torch.randperm drawn once at construction), so that every dimension is eventually transformed
// by a coupling. Volume-preserving: log|det| = 0. The permutation is a buffer, so checkpoints
// carry it; the inverse is its argsort. Applied as a product with the 0/1 permutation matrix
// (exact in float32) because tfjs-wasm has no gradient kernel for gather (UnsortedSegmentSum).
import { tf, type RandomSource } from '@lddm/runtime';
import { Module } from '@lddm/nn';
import { checkFlowInput, type FlowBlock, type FlowOutput } from './flow-block';

export interface FixedPermutationOptions {
  dim: number;
  /** 'random' (reference): a seeded random permutation; 'reverse': d -> D - 1 - d. */
  kind?: 'random' | 'reverse';
}

export class FixedPermutation extends Module implements FlowBlock {
  readonly dim: number;
  /** y[:, i] = x[:, permutation[i]]; int32 [D]. */
  readonly permutation: tf.Variable;

  constructor(source: RandomSource, options: FixedPermutationOptions) {
    super(source);
    const { dim } = options;
    if (!Number.isInteger(dim) || dim < 1) throw new Error(`${this.label}: dim must be a positive integer, got ${dim}`);
    this.dim = dim;
    const identity = Array.from({ length: dim }, (_, i) => i);
    const order = (options.kind ?? 'random') === 'random' ? this.rng.child('permutation').shuffle(identity) : identity.reverse();
    this.permutation = this.addBuffer('permutation', tf.tensor1d(order, 'int32'));
  }

  /** The argsort of the permutation: x[:, j] = y[:, inverse[j]]. */
  inverseIndices(): Int32Array {
    const forward = this.permutation.dataSync();
    const inverse = new Int32Array(this.dim);
    forward.forEach((source, i) => {
      inverse[source] = i;
    });
    return inverse;
  }

  /** P with P[perm[i], i] = 1, so that (x P)[:, i] = x[:, perm[i]]. */
  private matrix(): tf.Tensor2D {
    const p = new Float32Array(this.dim * this.dim);
    this.permutation.dataSync().forEach((source, i) => {
      p[source * this.dim + i] = 1;
    });
    return tf.tensor2d(p, [this.dim, this.dim]);
  }

  forward(x: tf.Tensor2D, cond: tf.Tensor2D): FlowOutput {
    checkFlowInput(this.label, x, cond, this.dim);
    return tf.tidy(() => ({ y: tf.matMul<tf.Tensor2D>(x, this.matrix()), logdet: tf.zeros<tf.Rank.R1>([x.shape[0]]) }));
  }

  /** x = y P^T (P^{-1} = P^T: the argsort). */
  inverse(y: tf.Tensor2D, cond: tf.Tensor2D): tf.Tensor2D {
    checkFlowInput(this.label, y, cond, this.dim);
    return tf.tidy(() => tf.matMul<tf.Tensor2D>(y, this.matrix(), false, true));
  }
}

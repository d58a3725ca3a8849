// The conditional invertible network of the cINN baseline (Dorkenwald et al. 2021; docs/method.md
// "cINN baseline"): `blocks` x [ActNorm -> invertible leaky ReLU -> double affine coupling ->
// fixed permutation] mapping a video latent z [B, D] given the condition c [B, cDim] to
// v = f(z; c) ~ N(0, I). Training minimises the reference's loss
//   mean_b(0.5 |v_b|^2) - mean_b(log|det J_f(z_b; c_b)|),
// the negative log-likelihood up to the constant 0.5 D log(2 pi). Sampling inverts the flow.
import { Rng, tf, type RandomSource } from '@lddm/runtime';
import type { CinnConfig, DeepReadonly } from '@lddm/config';
import { Module } from '@lddm/nn';
import { ActNorm } from './act-norm';
import { DoubleAffineCoupling } from './double-affine-coupling';
import { FixedPermutation } from './fixed-permutation';
import { checkFlowInput, type FlowBlock, type FlowOutput } from './flow-block';
import { FlowSequence } from './flow-sequence';
import { InvertibleLeakyRelu } from './invertible-leaky-relu';

/** What the flow reads of the profile's `cinn` section (libs/config schema/cinn.ts). */
export type ConditionalFlowConfig = DeepReadonly<Pick<CinnConfig, 'latentDim' | 'flow'> & { condEncoder: Pick<CinnConfig['condEncoder'], 'cDim'> }>;

export interface FlowEncoding {
  /** v = f(z; c), [B, D]. */
  v: tf.Tensor2D;
  logdet: tf.Tensor1D;
}

export class ConditionalFlow extends Module implements FlowBlock {
  /** The profile's values it was built from (they record `flow.leakyLogdet`). */
  readonly config: ConditionalFlowConfig;
  /** Size of the video latent z. */
  readonly latentDim: number;
  /** Size of the condition c. */
  readonly condDim: number;
  readonly body: FlowSequence;
  readonly actNorms: ActNorm[] = [];

  constructor(source: RandomSource, cinn: ConditionalFlowConfig) {
    super(source);
    this.config = cinn;
    const c = cinn.flow;
    const dim = cinn.latentDim;
    const condDim = cinn.condEncoder.cDim;
    this.latentDim = dim;
    this.condDim = condDim;
    const block = (rng: Rng): FlowSequence => {
      const actNorm = new ActNorm({ dim, init: c.actnormInit });
      this.actNorms.push(actNorm);
      return new FlowSequence(rng, [
        ['actnorm', () => actNorm],
        ['leakyRelu', () => new InvertibleLeakyRelu({ dim, alpha: c.leakyAlpha, logdet: c.leakyLogdet })],
        ['coupling', (r) => new DoubleAffineCoupling(r, { dim, condDim, hidden: c.hidden, slope: c.mlpSlope })],
        ['permutation', (r) => new FixedPermutation(r, { dim, kind: c.permutation })],
      ]);
    };
    this.body = this.addModule('blocks', (rng) => new FlowSequence(rng, Array.from({ length: c.blocks }, (_, i) => [String(i), block] as const)));
  }

  /** Every ActNorm holds its initial values (data-initialised, restored, or 'identity'). */
  get initialized(): boolean {
    return this.actNorms.every((a) => a.initialized);
  }

  /** z [B, D], cond [B, cDim] -> v and log|det| per sample [B]. */
  encode(z: tf.Tensor2D, cond: tf.Tensor2D): FlowEncoding {
    checkFlowInput(this.label, z, cond, this.latentDim, this.condDim);
    const { y, logdet } = this.body.forward(z, cond);
    return { v: y, logdet };
  }

  forward(x: tf.Tensor2D, cond: tf.Tensor2D): FlowOutput {
    const { v, logdet } = this.encode(x, cond);
    return { y: v, logdet };
  }

  /** z = f^{-1}(v; c). */
  inverse(v: tf.Tensor2D, cond: tf.Tensor2D): tf.Tensor2D {
    checkFlowInput(this.label, v, cond, this.latentDim, this.condDim);
    return this.body.inverse(v, cond);
  }

  /** The reference's loss: mean(0.5 |v|^2) - mean(logdet), means over the batch (nats per sample). */
  nll(z: tf.Tensor2D, cond: tf.Tensor2D): tf.Scalar {
    return tf.tidy(() => {
      const { v, logdet } = this.encode(z, cond);
      return tf.sub<tf.Scalar>(tf.mean(tf.mul(tf.sum(tf.square(v), 1), 0.5)), tf.mean(logdet));
    });
  }

  /** The exact -log2 p(z | c) per dimension: (nll + 0.5 D log(2 pi)) / (D ln 2). */
  bitsPerDim(z: tf.Tensor2D, cond: tf.Tensor2D): tf.Scalar {
    const d = this.latentDim;
    return tf.tidy(() => tf.div<tf.Scalar>(tf.add(this.nll(z, cond), 0.5 * d * Math.log(2 * Math.PI)), d * Math.LN2));
  }

  /** z = f^{-1}(temperature * v; c) with v ~ N(0, I) drawn from `rng`, one sample per row of cond. */
  sample(cond: tf.Tensor2D, rng: Rng, temperature = 1): tf.Tensor2D {
    const [b] = cond.shape;
    const values = new Float32Array(b * this.latentDim);
    for (let i = 0; i < values.length; i++) values[i] = temperature * rng.normal();
    return tf.tidy(() => this.inverse(tf.tensor2d(values, [b, this.latentDim]), cond));
  }
}

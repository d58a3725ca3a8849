// Double affine coupling (Dinh et al. 2017, RealNVP, eq. 7-8; the cINN reference's
// ConditionalDoubleVectorCouplingBlock): with x = [x1 || x2] split as torch.chunk does
// (|x1| = ceil(D / 2)),
//   y2 = x2 * exp(s1([x1 || c])) + t1([x1 || c])
//   y1 = x1 * exp(s2([y2 || c])) + t2([y2 || c])
// and log|det| = sum s1 + sum s2. The scale nets end in tanh (the reference's use_tanh=True), so
// |s| < 1 per dimension: the bounded scale keeps exp(s) in (1/e, e) and training stable.
// The output keeps the order [y1 || y2] (the reference swaps halves; a permutation follows anyway).
import { tf, type RandomSource } from '@lddm/runtime';
import { Module } from '@lddm/nn';
import { CouplingMlp } from './coupling-mlp';
import { checkFlowInput, type FlowBlock, type FlowOutput } from './flow-block';

export interface DoubleAffineCouplingOptions {
  dim: number;
  condDim: number;
  hidden: readonly number[];
  /** LeakyReLU slope inside the subnets (reference: 0.01). */
  slope: number;
}

export class DoubleAffineCoupling extends Module implements FlowBlock {
  readonly dim: number;
  readonly condDim: number;
  /** |x1| and |x2|. */
  readonly split: [number, number];
  private readonly scale1: CouplingMlp;
  private readonly shift1: CouplingMlp;
  private readonly scale2: CouplingMlp;
  private readonly shift2: CouplingMlp;

  constructor(source: RandomSource, options: DoubleAffineCouplingOptions) {
    super(source);
    const { dim, condDim, hidden, slope } = options;
    if (!Number.isInteger(dim) || dim < 2) throw new Error(`${this.label}: dim must be an integer >= 2, got ${dim}`);
    this.dim = dim;
    this.condDim = condDim;
    const d1 = Math.ceil(dim / 2);
    this.split = [d1, dim - d1];
    const mlp = (inFeatures: number, outFeatures: number, tanh: boolean) => (rng: typeof source) =>
      new CouplingMlp(rng, { inFeatures: inFeatures + condDim, outFeatures, hidden, slope, tanh });
    this.scale1 = this.addModule('scale1', mlp(d1, dim - d1, true));
    this.shift1 = this.addModule('shift1', mlp(d1, dim - d1, false));
    this.scale2 = this.addModule('scale2', mlp(dim - d1, d1, true));
    this.shift2 = this.addModule('shift2', mlp(dim - d1, d1, false));
  }

  forward(x: tf.Tensor2D, cond: tf.Tensor2D): FlowOutput {
    checkFlowInput(this.label, x, cond, this.dim, this.condDim);
    return tf.tidy(() => {
      const [x1, x2] = tf.split<tf.Tensor2D>(x, this.split, 1);
      const h1 = tf.concat2d([x1, cond], 1);
      const s1 = this.scale1.apply(h1);
      const y2 = tf.add<tf.Tensor2D>(tf.mul(x2, tf.exp(s1)), this.shift1.apply(h1));
      const h2 = tf.concat2d([y2, cond], 1);
      const s2 = this.scale2.apply(h2);
      const y1 = tf.add<tf.Tensor2D>(tf.mul(x1, tf.exp(s2)), this.shift2.apply(h2));
      const logdet = tf.add<tf.Tensor1D>(tf.sum(s1, 1), tf.sum(s2, 1));
      return { y: tf.concat2d([y1, y2], 1), logdet };
    });
  }

  inverse(y: tf.Tensor2D, cond: tf.Tensor2D): tf.Tensor2D {
    checkFlowInput(this.label, y, cond, this.dim, this.condDim);
    return tf.tidy(() => {
      const [y1, y2] = tf.split<tf.Tensor2D>(y, this.split, 1);
      const h2 = tf.concat2d([y2, cond], 1);
      const x1 = tf.mul<tf.Tensor2D>(tf.sub(y1, this.shift2.apply(h2)), tf.exp(tf.neg(this.scale2.apply(h2))));
      const h1 = tf.concat2d([x1, cond], 1);
      const x2 = tf.mul<tf.Tensor2D>(tf.sub(y2, this.shift1.apply(h1)), tf.exp(tf.neg(this.scale1.apply(h1))));
      return tf.concat2d([x1, x2], 1);
    });
  }
}

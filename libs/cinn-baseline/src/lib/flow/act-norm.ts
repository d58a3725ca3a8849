// Activation normalisation (Kingma & Dhariwal 2018, Glow, sec. 3.1), as the cINN reference (the
// net2net ActNorm) builds it: y = scale * (x + loc) per dimension, log|det| = sum_d log|scale_d|.
// Data-dependent init: on the first forward in training mode, loc = -mean and
// scale = 1 / (std + 1e-6) over that batch, so that the first batch comes out zero-mean and
// unit-variance. We use the population std (the reference: torch's unbiased std) so that the
// first batch has exactly unit variance; the difference is a factor sqrt((B - 1) / B).
// `initialized` is a buffer, so a restored checkpoint never re-initialises.
import { ones, tf, zeros } from '@lddm/runtime';
import { Module } from '@lddm/nn';
import { checkFlowInput, type FlowBlock, type FlowOutput } from './flow-block';

export interface ActNormOptions {
  dim: number;
  /** 'data' (reference): initialise from the first training batch; 'identity': start at loc 0, scale 1. */
  init?: 'data' | 'identity';
}

export class ActNorm extends Module implements FlowBlock {
  readonly dim: number;
  readonly loc: tf.Variable;
  readonly scale: tf.Variable;
  /** 1 once loc and scale hold their initial values (data-initialised, or 'identity'). */
  readonly initializedFlag: tf.Variable;

  constructor(options: ActNormOptions) {
    super();
    const { dim } = options;
    if (!Number.isInteger(dim) || dim < 1) throw new Error(`${this.label}: dim must be a positive integer, got ${dim}`);
    this.dim = dim;
    this.loc = this.addParameter('loc', zeros([dim]));
    this.scale = this.addParameter('scale', ones([dim]));
    const identity = (options.init ?? 'data') === 'identity';
    this.initializedFlag = this.addBuffer('initialized', tf.scalar(identity ? 1 : 0));
  }

  get initialized(): boolean {
    return this.initializedFlag.dataSync()[0] !== 0;
  }

  /** loc = -mean(x), scale = 1 / (std(x) + 1e-6) over the batch axis (net2net ActNorm.initialize). */
  initialize(x: tf.Tensor2D): void {
    if (x.shape[0] < 2) throw new Error(`${this.label}: data-dependent init needs a batch of at least 2, got ${x.shape[0]}`);
    tf.tidy(() => {
      const { mean, variance } = tf.moments(x, 0);
      this.loc.assign(tf.neg(mean));
      this.scale.assign(tf.div(1, tf.add(tf.sqrt(variance), 1e-6)));
      this.initializedFlag.assign(tf.scalar(1));
    });
  }

  forward(x: tf.Tensor2D, cond: tf.Tensor2D): FlowOutput {
    checkFlowInput(this.label, x, cond, this.dim);
    if (this.training && !this.initialized) this.initialize(x);
    return tf.tidy(() => {
      const y = tf.mul<tf.Tensor2D>(this.scale, tf.add(x, this.loc));
      // The Jacobian is diagonal and the same for every sample.
      const logdet = tf.mul<tf.Tensor1D>(tf.ones([x.shape[0]]), tf.sum(tf.log(tf.abs(this.scale))));
      return { y, logdet };
    });
  }

  inverse(y: tf.Tensor2D, cond: tf.Tensor2D): tf.Tensor2D {
    checkFlowInput(this.label, y, cond, this.dim);
    return tf.tidy(() => tf.sub<tf.Tensor2D>(tf.div(y, this.scale), this.loc));
  }
}

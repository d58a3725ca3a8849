// Inverted dropout (Srivastava et al. 2014; PyTorch's scaling): in training each element is kept
// with probability 1 - rate and scaled by 1 / (1 - rate); in eval it is the identity. Masks come
// from this module's own random stream, so a run is reproducible and other layers' draws do not
// shift when dropout is added or removed.
import { tf, type RandomSource } from '@lddm/runtime';
import { Module } from './module';

export class Dropout extends Module {
  readonly rate: number;

  constructor(source: RandomSource, rate: number) {
    super(source);
    if (!(rate >= 0 && rate < 1)) throw new Error(`${this.label}: rate must be in [0, 1), got ${rate}`);
    this.rate = rate;
  }

  apply<T extends tf.Tensor>(x: T): T {
    if (!this.training || this.rate === 0) return x;
    const seed = this.rng.tensorSeed();
    return tf.tidy(() => {
      const keep = tf.cast(tf.greaterEqual(tf.randomUniform(x.shape, 0, 1, 'float32', seed), this.rate), 'float32');
      return tf.mul<T>(x, tf.div(keep, 1 - this.rate));
    });
  }
}

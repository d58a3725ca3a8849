// Nearest-neighbour upsampling by integer factors per spatial axis, on [N, H, W, C] or
// [N, D, H, W, C] (the decoder's (1, 2, 2) and (2, 2, 2) steps), matching PyTorch's
// nn.Upsample(mode='nearest') for integer scales exactly. One axis at a time, a rank-3 view
// [outer, 1, inner] is multiplied by ones [1, f, 1]: on wasm this is ~30x faster than tf.tile or
// tf.broadcastTo (measured: 2x2x2 of 1M elements, 44 ms vs 1.6 s forward), and its gradient is
// a plain sum over the repeated axis.
import { tf } from '@lddm/runtime';
import { perAxis } from './checks';
import { Module } from './module';

export class Upsample extends Module {
  private readonly scale: number | readonly number[];

  /** `scale`: one factor for every spatial axis, or one per axis ([sh, sw] or [sd, sh, sw]). */
  constructor(scale: number | readonly number[]) {
    super();
    this.scale = scale;
  }

  apply(x: tf.Tensor4D): tf.Tensor4D;
  apply(x: tf.Tensor5D): tf.Tensor5D;
  apply(x: tf.Tensor4D | tf.Tensor5D): tf.Tensor4D | tf.Tensor5D {
    if (x.rank !== 4 && x.rank !== 5) throw new Error(`${this.label}: expected [N, H, W, C] or [N, D, H, W, C], got [${x.shape.join(', ')}]`);
    const factors = perAxis(this.label, 'scale', this.scale, x.rank - 2);
    if (factors.some((f) => f < 1)) throw new Error(`${this.label}: scale factors must be >= 1, got ${JSON.stringify(this.scale)}`);
    return tf.tidy(() => {
      const shape = [...x.shape];
      let y: tf.Tensor = x;
      factors.forEach((f, i) => {
        if (f === 1) return;
        const axis = i + 1;
        const outer = shape.slice(0, axis + 1).reduce((a, b) => a * b, 1);
        const inner = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
        y = tf.mul(tf.reshape(y, [outer, 1, inner]), tf.ones([1, f, 1]));
        shape[axis] *= f;
      });
      const [n, a, b, c, d] = shape;
      return shape.length === 4 ? tf.reshape<tf.Rank.R4>(y, [n, a, b, c]) : tf.reshape<tf.Rank.R5>(y, [n, a, b, c, d]);
    });
  }
}

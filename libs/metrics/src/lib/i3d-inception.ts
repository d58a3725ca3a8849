// The Inception module of I3D (Szegedy et al. 2015, inflated by Carreira & Zisserman 2017), with
// pytorch-i3d's branch names: b0 = 1x1x1; b1a 1x1x1 -> b1b 3x3x3; b2a 1x1x1 -> b2b 3x3x3;
// b3a 3x3x3 max pool (stride 1, SAME) -> b3b 1x1x1. Outputs are concatenated on channels.
import { tf, type Rng } from '@lddm/runtime';
import { MaxPool3d, Module } from '@lddm/nn';
import { Unit3d } from './i3d-unit';

/** [b0, b1a, b1b, b2a, b2b, b3b] output channels, as pytorch-i3d's out_channels list. */
export type InceptionChannels = readonly [number, number, number, number, number, number];

export class InceptionModule extends Module {
  readonly outChannels: number;
  private readonly b0: Unit3d;
  private readonly b1a: Unit3d;
  private readonly b1b: Unit3d;
  private readonly b2a: Unit3d;
  private readonly b2b: Unit3d;
  private readonly b3a: MaxPool3d;
  private readonly b3b: Unit3d;

  constructor(rng: Rng, inChannels: number, out: InceptionChannels) {
    super(rng);
    const unit = (name: string, i: number, o: number, k: number): Unit3d =>
      this.addModule(name, (r) => new Unit3d(r, { inChannels: i, outChannels: o, kernel: k }));
    this.b0 = unit('b0', inChannels, out[0], 1);
    this.b1a = unit('b1a', inChannels, out[1], 1);
    this.b1b = unit('b1b', out[1], out[2], 3);
    this.b2a = unit('b2a', inChannels, out[3], 1);
    this.b2b = unit('b2b', out[3], out[4], 3);
    // After a ReLU every value is >= 0, so pytorch-i3d's zero padding and TF's SAME pool agree.
    this.b3a = this.addModule('b3a', new MaxPool3d({ kernel: 3, stride: 1, padding: 'same' }));
    this.b3b = unit('b3b', inChannels, out[5], 1);
    this.outChannels = out[0] + out[2] + out[4] + out[5];
  }

  apply(x: tf.Tensor5D): tf.Tensor5D {
    return tf.tidy(() =>
      tf.concat(
        [this.b0.apply(x), this.b1b.apply(this.b1a.apply(x)), this.b2b.apply(this.b2a.apply(x)), this.b3b.apply(this.b3a.apply(x))],
        4,
      ),
    );
  }
}

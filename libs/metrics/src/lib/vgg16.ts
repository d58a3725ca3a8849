// The VGG16 convolutional trunk (Simonyan & Zisserman 2015, configuration D) with torchvision's
// parameter names (features.0, features.2, ... features.28), returning the ReLU outputs that
// LPIPS and the cINN diversity use: relu1_2, relu2_2, relu3_3, relu4_3, relu5_3. Input frames
// [N, H, W, 1 or 3] in [-1, 1]; grey frames are replicated to 3 channels, then LPIPS' scaling
// layer (x - shift) / scale, which for [-1, 1] input is torchvision's ImageNet normalisation.
import { tf, type RandomSource } from '@lddm/runtime';
import { Conv2d, Module } from '@lddm/nn';
import { PUBLISHED_WIDTH } from './i3d';

export const VGG_TAPS = ['relu1_2', 'relu2_2', 'relu3_3', 'relu4_3', 'relu5_3'] as const;
export type VggTap = (typeof VGG_TAPS)[number];

/** LPIPS v0.1 ScalingLayer (docs/method.md): shift and scale per RGB channel. */
export const LPIPS_SHIFT = [-0.03, -0.088, -0.188] as const;
export const LPIPS_SCALE = [0.458, 0.448, 0.45] as const;

/** Channels of each stack; a stack ends at a tap, and a 2x2 max pool precedes every stack but the first. */
const STACKS: ReadonlyArray<readonly number[]> = [[64, 64], [128, 128], [256, 256, 256], [512, 512, 512], [512, 512, 512]];

export interface Vgg16Input {
  /** Multiplies every channel count; omitted: PUBLISHED_WIDTH. < 1 only for small tests. */
  width?: number;
}

export class Vgg16 extends Module {
  readonly config: Readonly<Required<Vgg16Input>>;
  /** Channels of each tap, in VGG_TAPS order. */
  readonly tapChannels: number[];
  private readonly convs: Conv2d[][] = [];

  constructor(source: RandomSource, config: Vgg16Input = {}) {
    super(source);
    this.config = Object.freeze({ width: config.width ?? PUBLISHED_WIDTH });
    const features = this.addModule('features', (rng) => new VggFeatures(rng));
    let index = 0;
    let channels = 3;
    this.tapChannels = [];
    for (const [s, stack] of STACKS.entries()) {
      // torchvision's features indices: conv, relu (+ a max pool closing each stack).
      if (s > 0) index += 1;
      const convs: Conv2d[] = [];
      for (const c of stack) {
        const out = Math.max(1, Math.round(c * this.config.width));
        convs.push(features.add(String(index), channels, out));
        channels = out;
        index += 2;
      }
      this.convs.push(convs);
      this.tapChannels.push(channels);
    }
  }

  /** The five ReLU taps for frames [N, H, W, C] in [-1, 1]. */
  taps(x: tf.Tensor4D): tf.Tensor4D[] {
    if (x.rank !== 4 || (x.shape[3] !== 1 && x.shape[3] !== 3)) {
      throw new Error(`${this.label}: expected frames [N, H, W, 1 or 3], got [${x.shape.join(', ')}]`);
    }
    const outputs: tf.Tensor4D[] = [];
    tf.tidy(() => {
      const rgb = x.shape[3] === 1 ? tf.tile(x, [1, 1, 1, 3]) : x;
      let y = tf.div(tf.sub(rgb, tf.tensor1d([...LPIPS_SHIFT])), tf.tensor1d([...LPIPS_SCALE])) as tf.Tensor4D;
      for (const [s, convs] of this.convs.entries()) {
        if (s > 0) y = tf.maxPool(y, 2, 2, 'valid');
        for (const conv of convs) y = tf.relu(conv.apply(y));
        outputs.push(tf.keep(y));
      }
    });
    return outputs;
  }
}

/** The `features` container, so parameter names read features.<index>.weight as in torchvision. */
class VggFeatures extends Module {
  add(name: string, inChannels: number, outChannels: number): Conv2d {
    return this.addModule(name, (rng) => new Conv2d(rng, { inChannels, outChannels, kernel: 3, padding: 1 }));
  }
}

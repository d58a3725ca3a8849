// Temporal discriminator of the cINN reference's stage 1 (docs/method.md "Stage 1", Loss): a small 3D
// ResNet over a random window of `window` consecutive frames (reference: 12), judging motion
// rather than single frames. Stem conv3d 3x3x3 stride (1, 2, 2) + LeakyReLU(0.2), then one
// BasicBlock3D (GroupNorm, as the encoder's) per width with stride (2, 2, 2), global average
// pooling and a linear layer -> one logit per clip.
import { tf, type Rng } from '@lddm/runtime';
import { Conv3d, leakyRelu, Linear, Module } from '@lddm/nn';
import type { DeepReadonly, Stage1Config } from '@lddm/config';
import { BasicBlock3D } from './basic-block-3d';
import { commonGroups } from '../common-groups';

/** GroupNorm groups: the largest divisor of every width up to 8 (8 for the profiles' widths). */
const MAX_GROUPS = 8;

/** The resolved network (serialise it with the run). */
export interface TemporalDiscriminatorConfig {
  inChannels: number;
  /** Frames per judged window: the profile's temporalWindow, at most the clip's frames. */
  window: number;
  /** Widths: stem, then one residual block per further entry (the profile's temporalWidths). */
  widths: readonly number[];
  groups: number;
}

/** A window of `length` frames starting at `start` (random from `rng` if not given). */
export function temporalWindow(x: tf.Tensor5D, length: number, options: { start?: number; rng?: Rng } = {}): tf.Tensor5D {
  const [b, t, h, w, c] = x.shape;
  if (length > t) throw new Error(`temporalWindow: the clip has ${t} frames, fewer than the window's ${length}`);
  const start = options.start ?? (options.rng === undefined ? 0 : options.rng.int(t - length + 1));
  if (!Number.isInteger(start) || start < 0 || start + length > t) throw new Error(`temporalWindow: start ${start} does not fit ${length} frames in ${t}`);
  return tf.slice(x, [0, start, 0, 0, 0], [b, length, h, w, c]);
}

export class TemporalDiscriminator extends Module {
  readonly config: Readonly<TemporalDiscriminatorConfig>;
  private readonly stem: Conv3d;
  private readonly blocks: BasicBlock3D[];
  private readonly head: Linear;

  /** `adversarial`: the profile's lddm.stage1.adversarial; `clip`: the frames and channels of the clips it judges. */
  constructor(rng: Rng, adversarial: DeepReadonly<Pick<Stage1Config['adversarial'], 'temporalWindow' | 'temporalWidths'>>, clip: { frames: number; channels: number }) {
    super(rng);
    const widths = Object.freeze([...adversarial.temporalWidths]);
    const config = Object.freeze({ inChannels: clip.channels, window: Math.min(adversarial.temporalWindow, clip.frames), widths, groups: commonGroups(widths, MAX_GROUPS) });
    this.config = config;
    const [first = 1] = config.widths;
    this.stem = this.addModule('stem', (r) => new Conv3d(r, { inChannels: config.inChannels, outChannels: first, kernel: 3, stride: [1, 2, 2], padding: 1 }));
    // Plain (unfused) GroupNorm: the R1 penalty differentiates this network twice.
    this.blocks = config.widths
      .slice(1)
      .map((out, i) => this.addModule(`block${i}`, (r) => new BasicBlock3D(r, { inChannels: config.widths[i] ?? 1, outChannels: out, stride: [2, 2, 2], groups: config.groups, shortcutKernel: 1, fusedNorm: false })));
    this.head = this.addModule('head', (r) => new Linear(r, { inFeatures: config.widths.at(-1) ?? 1, outFeatures: 1 }));
  }

  /** A window [B, window, H, W, C] -> logits [B, 1], plus each stage's activations. */
  apply(window: tf.Tensor5D): { logits: tf.Tensor2D; features: tf.Tensor[] } {
    if (window.rank !== 5 || window.shape[1] !== this.config.window || window.shape[4] !== this.config.inChannels) {
      throw new Error(`${this.label}: expected [B, ${this.config.window}, H, W, ${this.config.inChannels}], got [${window.shape.join(', ')}] (take one with temporalWindow)`);
    }
    return tf.tidy(() => {
      let h = leakyRelu(this.stem.apply(window), 0.2);
      const features: tf.Tensor[] = [h];
      for (const block of this.blocks) {
        h = block.apply(h);
        features.push(h);
      }
      return { logits: this.head.apply(tf.mean<tf.Tensor2D>(h, [1, 2, 3])), features };
    });
  }
}

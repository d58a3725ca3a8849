// C3D (Tran et al. ICCV 2015; mmaction2 backbones/c3d.py + I3DHead, c3d_sports1m recipe):
//   conv3d 3x3x3 (pad 1, bias, ReLU) stages of widths[i] x convsPerStage[i], each followed by a max
//   pool: pool1 (1,2,2) keeps time, pool2..pool5 are 2x2x2, pool5 padded (0,1,1) in space
//   (mmaction2's `pool5 = MaxPool3d(2, 2, padding=(0, 1, 1))`), so 16x112x112 ends at 1x4x4;
//   flatten -> fc6 -> ReLU -> dropout -> fc7 -> ReLU -> dropout -> fc (the head).
// Reference widths [64, 128, 256, 512, 512], convs [1, 1, 2, 2, 2], fc 4096, dropout 0.5, no norm
// (as mmaction2's default norm_cfg=None). Input: `frames` consecutive frames (random start in
// training, centred at test); the first conv takes the clip's channels (1), no RGB replication.
import { C3dSchema, type DeepReadonly } from '@lddm/config';
import { Conv3d, Dropout, Linear, MaxPool3d, relu } from '@lddm/nn';
import { tf, type RandomSource } from '@lddm/runtime';
import type { z } from 'zod';
import { gatherFrames, windowIndices } from '../input/temporal-sampling';
import { frozenConfig, VideoClassifier, type ClassifierOptions } from './video-classifier';

export type C3dConfig = z.output<typeof C3dSchema>;

const poolOut = (n: number, k: number, pad: number): number => Math.floor((n + 2 * pad - k) / k) + 1;

/** [T, H, W] after pool5, or an error naming the input that is too small. */
export function c3dFeatureShape(frames: number, size: number): [number, number, number] {
  let [t, s] = [frames, poolOut(size, 2, 0)]; // pool1 (1, 2, 2)
  for (let i = 2; i <= 5; i++) {
    t = poolOut(t, 2, 0);
    s = poolOut(s, 2, i === 5 ? 1 : 0);
  }
  if (t < 1 || s < 1) throw new Error(`C3D: an input of ${frames} frames x ${size}px is too small for its five pools`);
  return [t, s, s];
}

export class C3d extends VideoClassifier {
  readonly kind = 'c3d' as const;
  readonly config: Readonly<C3dConfig>;
  readonly inputSize: number;
  readonly adaptation = '1-channel first conv, trained from scratch';
  private readonly convs: Conv3d[][];
  private readonly pools: MaxPool3d[];
  private readonly fc6: Linear;
  private readonly fc7: Linear;
  private readonly dropout6: Dropout;
  private readonly dropout7: Dropout;
  private readonly fc: Linear;

  constructor(source: RandomSource, config: DeepReadonly<C3dConfig>, options: ClassifierOptions) {
    super(source, options);
    this.config = frozenConfig(C3dSchema, config);
    const { widths, convsPerStage, fcDim, dropout, frames } = this.config;
    this.inputSize = this.config.inputSize;
    const [ft, fh, fw] = c3dFeatureShape(frames, this.inputSize);
    let channels = options.inChannels;
    this.convs = widths.map((width, stage) =>
      Array.from({ length: convsPerStage[stage] }, (_, j) => {
        const conv = this.addModule(`conv${stage + 1}${String.fromCharCode(97 + j)}`, (rng) =>
          new Conv3d(rng, { inChannels: channels, outChannels: width, kernel: 3, padding: 1 }),
        );
        channels = width;
        return conv;
      }),
    );
    this.pools = widths.map((_, stage) =>
      this.addModule(
        `pool${stage + 1}`,
        stage === 0 ? new MaxPool3d({ kernel: [1, 2, 2] }) : new MaxPool3d({ kernel: 2, padding: stage === 4 ? [0, 1, 1] : 0 }),
      ),
    );
    this.fc6 = this.addModule('fc6', (rng) => new Linear(rng, { inFeatures: channels * ft * fh * fw, outFeatures: fcDim }));
    this.dropout6 = this.addModule('dropout6', (rng) => new Dropout(rng, dropout));
    this.fc7 = this.addModule('fc7', (rng) => new Linear(rng, { inFeatures: fcDim, outFeatures: fcDim }));
    this.dropout7 = this.addModule('dropout7', (rng) => new Dropout(rng, dropout));
    this.fc = this.addModule('fc', (rng) => new Linear(rng, { inFeatures: fcDim, outFeatures: options.numClasses }));
  }

  protected forward(clips: tf.Tensor5D, training: boolean): tf.Tensor2D {
    const [b, t] = clips.shape;
    const rows = Array.from({ length: b }, () => windowIndices(t, this.config.frames, training ? this.samplingRng : undefined));
    let x = gatherFrames(clips, rows);
    this.convs.forEach((stage, i) => {
      for (const conv of stage) x = relu(conv.apply(x));
      x = this.pools[i].apply(x);
    });
    const flat = tf.reshape<tf.Rank.R2>(x, [b, -1]);
    const h6 = this.dropout6.apply(relu(this.fc6.apply(flat)));
    const h7 = this.dropout7.apply(relu(this.fc7.apply(h6)));
    return this.fc.apply(h7);
  }
}

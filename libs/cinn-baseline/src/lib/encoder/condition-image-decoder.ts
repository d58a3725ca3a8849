// The decoder that trains the conditioning encoder as a VAE and is discarded afterwards: c [B, cDim]
// -> Linear -> [B, h0, w0, ch(n)] -> n x (nearest 2x upsampling -> conv3x3 -> GN -> LeakyReLU 0.2)
// -> conv3x3 -> tanh -> x0_hat [B, H, W, C] in [-1, 1]. n is the largest number of halvings of H
// and W that leaves at least 4 x 4 (64 px: 4 x 4 after n = 4); the width at level k (H / 2^k) is
// nf * min(2^k, 8), as DCGAN-style generators double the width per halving.
// GN groups follow the one rule of the 2D ResNets (@lddm/nn featureNorm: <= 32, >= 4 channels each).
import { tf, type RandomSource } from '@lddm/runtime';
import { Conv2d, featureNorm, leakyRelu, Linear, Module, Upsample, type GroupNorm } from '@lddm/nn';

/** Set by ConditionVae from the encoder's cDim, the frame geometry and condEncoder.decoderNf. */
export interface ConditionImageDecoderConfig {
  cDim: number;
  outChannels: number;
  height: number;
  width: number;
  /** Width at full resolution (the profile's decoderNf). */
  nf: number;
}

/** The number of 2x upsamplings: the largest n with H and W divisible by 2^n and min(H, W) / 2^n >= 4. */
export function decoderLevels(height: number, width: number): number {
  let n = 0;
  while (height % 2 ** (n + 1) === 0 && width % 2 ** (n + 1) === 0 && Math.min(height, width) / 2 ** (n + 1) >= 4) n++;
  return n;
}

interface UpStage {
  conv: Conv2d;
  norm: GroupNorm;
}

export class ConditionImageDecoder extends Module {
  readonly config: Readonly<ConditionImageDecoderConfig>;
  private readonly fc: Linear;
  private readonly stages: UpStage[];
  private readonly up = new Upsample(2);
  private readonly out: Conv2d;
  private readonly start: [number, number, number];

  constructor(source: RandomSource, config: ConditionImageDecoderConfig) {
    super(source);
    const c = Object.freeze({ ...config });
    this.config = c;
    const n = decoderLevels(c.height, c.width);
    const widthAt = (k: number): number => c.nf * Math.min(2 ** k, 8);
    this.start = [c.height / 2 ** n, c.width / 2 ** n, widthAt(n)];
    const [h0, w0, ch0] = this.start;
    this.fc = this.addModule('fc', (rng) => new Linear(rng, { inFeatures: c.cDim, outFeatures: h0 * w0 * ch0 }));
    this.stages = Array.from({ length: n }, (_, i) => {
      const from = widthAt(n - i);
      const to = widthAt(n - i - 1);
      return {
        conv: this.addModule(`conv${i}`, (rng) => new Conv2d(rng, { inChannels: from, outChannels: to, kernel: 3, padding: 1 })),
        norm: this.addModule(`norm${i}`, featureNorm(to)),
      };
    });
    this.out = this.addModule('out', (rng) => new Conv2d(rng, { inChannels: widthAt(0), outChannels: c.outChannels, kernel: 3, padding: 1 }));
  }

  /** c [B, cDim] -> x0_hat [B, H, W, outChannels] in [-1, 1]. */
  apply(c: tf.Tensor2D): tf.Tensor4D {
    if (c.rank !== 2 || c.shape[1] !== this.config.cDim) throw new Error(`${this.label}: expected c of shape [B, ${this.config.cDim}], got [${c.shape.join(', ')}]`);
    return tf.tidy(() => {
      const [h0, w0, ch0] = this.start;
      let h = leakyRelu(tf.reshape<tf.Rank.R4>(this.fc.apply(c), [c.shape[0], h0, w0, ch0]), 0.2);
      for (const { conv, norm } of this.stages) h = leakyRelu(norm.apply(conv.apply(this.up.apply(h))), 0.2);
      return tf.tanh(this.out.apply(h));
    });
  }
}

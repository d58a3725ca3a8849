// DIV with VGG16 features as the cINN reference computes it (compute_vgg_diversity): the S samples
// of a condition go through VGG16 frame by frame (resized to 224, ImageNet-normalised); for each
// ordered pair i != j and each of the five taps, the mean squared difference over the whole
// clip's feature maps; DIV is the mean over pairs, taps and conditions. 'vgg-cosine' (SAVP) is
// 1 - cosine similarity of the clip's feature maps per tap, averaged the same way. Feature maps are
// far too large to store (6M values per frame at 224), so per-tap Gram matrices F F^T over the
// samples are accumulated frame by frame: |f_i - f_j|^2 = G_ii + G_jj - 2 G_ij.
import { createProgress, tf } from '@lddm/runtime';
import type { DiversityDistance } from './diversity';
import { prepareClips, type ExtractorWeights } from './feature-extractor';
import { initialiseWeights } from './extractor-weights';
import { Vgg16, type Vgg16Input } from './vgg16';

export interface VggDiversityOptions {
  size: number;
  seed: number;
  network?: Vgg16Input;
  weightsPath?: string;
}

export class VggDiversity {
  readonly id = 'vgg16';
  readonly inputSize: number;

  private constructor(
    readonly network: Vgg16,
    readonly weights: ExtractorWeights,
    size: number,
  ) {
    this.inputSize = size;
  }

  static async create(options: VggDiversityOptions): Promise<VggDiversity> {
    const network = new Vgg16(options.seed, options.network);
    try {
      return new VggDiversity(network, await initialiseWeights(network, options.weightsPath), options.size);
    } catch (error) {
      network.dispose();
      throw error;
    }
  }

  /** Mean distance over ordered pairs i != j of one condition's samples [S, T, H, W, C]. */
  conditionDiversity(samples: tf.Tensor5D, distance: DiversityDistance): number {
    const [s, t] = samples.shape;
    if (s < 2) throw new Error(`${this.id}: DIV needs at least 2 samples per condition, got ${s}`);
    const taps = this.network.tapChannels.length;
    const gram = Array.from({ length: taps }, () => new Float64Array(s * s));
    const sizes = new Array<number>(taps).fill(0);
    for (let f = 0; f < t; f++) {
      const grams = tf.tidy(() => {
        const frame = prepareClips(tf.slice(samples, [0, f, 0, 0, 0], [s, 1, -1, -1, -1]), 1, this.inputSize);
        const features = this.network.taps(tf.reshape<tf.Rank.R4>(frame, [s, this.inputSize, this.inputSize, 3]));
        return features.map((map, l) => {
          sizes[l] += map.size / s;
          const flat = tf.reshape<tf.Rank.R2>(map, [s, -1]);
          return tf.matMul(flat, flat, false, true);
        });
      });
      grams.forEach((g, l) => {
        const values = g.dataSync();
        for (let k = 0; k < s * s; k++) gram[l][k] += values[k];
      });
      tf.dispose(grams);
    }
    let sum = 0;
    for (let i = 0; i < s; i++) {
      for (let j = 0; j < s; j++) {
        if (i === j) continue;
        let perTap = 0;
        for (let l = 0; l < taps; l++) {
          const g = gram[l];
          if (distance === 'vgg-mse') perTap += Math.max(0, g[i * s + i] + g[j * s + j] - 2 * g[i * s + j]) / sizes[l];
          else {
            const norm = Math.sqrt(g[i * s + i] * g[j * s + j]);
            perTap += norm === 0 ? (g[i * s + i] === g[j * s + j] ? 0 : 1) : 1 - g[i * s + j] / norm;
          }
        }
        sum += perTap / taps;
      }
    }
    return sum / (s * (s - 1));
  }

  /** DIV over conditions, each [S, T, H, W, C]; the distance is recorded with the value. */
  diversity(conditions: readonly tf.Tensor5D[], distance: DiversityDistance): { value: number; distance: DiversityDistance; perCondition: Float64Array } {
    const progress = createProgress({ label: `${this.id} diversity`, total: conditions.length, unit: 'condition' });
    const perCondition = Float64Array.from(conditions, (samples) => {
      const value = this.conditionDiversity(samples, distance);
      progress.tick();
      return value;
    });
    progress.done();
    return { value: perCondition.reduce((a, b) => a + b, 0) / Math.max(1, conditions.length), distance, perCondition };
  }

  dispose(): void {
    this.network.dispose();
  }
}

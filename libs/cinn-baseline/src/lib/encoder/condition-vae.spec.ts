import { initBackend, Rng, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadProfile } from '@lddm/config';
import { smallCondEncoder, smallImage } from '../testing/small-configs';
import { ConditionVae } from './condition-vae';

beforeAll(async () => {
  await initBackend('wasm');
});

const TINY = smallCondEncoder({ backbone: { block: 'basic', layers: [1, 1], widths: [8, 16], stemWidth: 8 }, cDim: 6, decoderNf: 4, klWeight: 0.5 });

describe('ConditionVae', () => {
  it("builds the decoder to the encoder image size and cDim; the paper profile's values are the reference's", () => {
    const { condEncoder: paper } = loadProfile('paper').cinn;
    expect([paper.backbone, paper.cDim, paper.decoderNf, paper.klWeight]).toEqual([
      { block: 'bottleneck', layers: [3, 4, 6, 3], widths: [64, 128, 256, 512], stemWidth: 64 },
      128,
      32,
      1e-6,
    ]);
    const vae = new ConditionVae(1, TINY, smallImage(16));
    expect(vae.decoder.config).toEqual({ cDim: 6, outChannels: 1, height: 16, width: 16, nf: 4 });
    const x = tf.randomUniform<tf.Rank.R4>([2, 16, 16, 1], -1, 1, 'float32', 2);
    expect(vae.encodeMean(x).shape).toEqual([2, 6]);
    expect(vae.reconstruct(x, new Rng(1)).shape).toEqual([2, 16, 16, 1]);
  });

  it('loss = L1 + klWeight * KL, KL >= 0, reproducible from the Rng', () => {
    const vae = new ConditionVae(1, TINY, smallImage(16));
    const x = tf.randomUniform<tf.Rank.R4>([2, 16, 16, 1], -1, 1, 'float32', 2);
    const a = vae.loss(x, new Rng(3));
    const [loss, recon, kl] = [a.loss, a.recon, a.kl].map((t) => t.dataSync()[0]);
    expect(kl).toBeGreaterThanOrEqual(0);
    expect(recon).toBeGreaterThan(0);
    expect(loss).toBeCloseTo(recon + 0.5 * kl, 5);
    const { mean, logvar } = vae.encoder.encode(x);
    const expectedKl = 0.5 * tf.sum(tf.sub(tf.sub(tf.add(tf.square(mean), tf.exp(logvar)), 1), logvar)).dataSync()[0] / 2;
    expect(kl).toBeCloseTo(expectedKl, 3);
    expect(vae.loss(x, new Rng(3)).loss.dataSync()[0]).toBe(loss);
  });
});

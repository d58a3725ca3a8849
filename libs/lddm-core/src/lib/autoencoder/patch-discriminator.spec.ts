import { initBackend, Rng, tf } from '@lddm/runtime';
import { SpectralNorm } from '@lddm/nn';
import { beforeAll, describe, expect, it } from 'vitest';
import { r1Penalty } from './adversarial-loss';
import { FramePatchDiscriminator } from './patch-discriminator';

beforeAll(async () => {
  await initBackend('wasm');
});

const frames = (): tf.Tensor4D => tf.randomUniform<tf.Rank.R4>([2, 16, 16, 1], -1, 1, 'float32', 1);

describe('FramePatchDiscriminator', () => {
  it('maps frames to a map of patch logits through spectral-normalised 4x4 convs', () => {
    const d = new FramePatchDiscriminator(new Rng(1), { spatialWidth: 4 }, { channels: 1, size: 16 });
    expect(d.config).toEqual({ inChannels: 1, nf: 4, downsamplings: 2 });
    const { logits, features } = d.apply(frames());
    // 16 -> 8 -> 4 (stride 2) -> 3 -> 2 (stride 1, k 4, pad 1).
    expect(d.outputSize(16)).toBe(2);
    expect(logits.shape).toEqual([2, 2, 2, 1]);
    expect(features.map((f) => f.shape)).toEqual([
      [2, 8, 8, 4],
      [2, 4, 4, 8],
      [2, 3, 3, 16],
    ]);
    expect(d.namedChildren().every(([, c]) => c instanceof SpectralNorm)).toBe(true);
    // Four 4x4 convs with bias: 1->4, 4->8, 8->16, 16->1.
    expect(d.parameterCount()).toBe(16 * (1 * 4 + 4 * 8 + 8 * 16 + 16 * 1) + 4 + 8 + 16 + 1);
  });

  it("takes pix2pix's 3 downsamplings where the frames allow, fewer on small ones, and rejects frames too small for its depth", () => {
    const d = new FramePatchDiscriminator(new Rng(2), { spatialWidth: 2 }, { channels: 1, size: 64 });
    expect(d.config.downsamplings).toBe(3);
    expect(new FramePatchDiscriminator(new Rng(2), { spatialWidth: 2 }, { channels: 1, size: 8 }).config.downsamplings).toBe(1);
    expect(d.apply(tf.zeros([1, 64, 64, 1])).features.map((f) => f.shape[3])).toEqual([2, 4, 8, 16]);
    expect(() => d.apply(tf.zeros([1, 16, 16, 1]))).toThrow(/too small/);
  });

  it('has a trainable R1 penalty (second-order gradients reach every weight)', () => {
    const d = new FramePatchDiscriminator(new Rng(3), { spatialWidth: 2 }, { channels: 1, size: 16 });
    const real = frames();
    const weights = d.parameters().filter((v) => v.rank === 4);
    const { value, grads } = tf.variableGrads(() => r1Penalty((x) => d.apply(x as tf.Tensor4D).logits, real), weights);
    expect(value.dataSync()[0]).toBeGreaterThan(0);
    for (const w of weights) expect(tf.max(tf.abs(grads[w.name] ?? tf.zeros([1]))).dataSync()[0]).toBeGreaterThan(0);
  });
});

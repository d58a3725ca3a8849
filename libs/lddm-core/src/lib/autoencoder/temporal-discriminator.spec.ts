import { initBackend, Rng, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { r1Penalty } from './adversarial-loss';
import { TemporalDiscriminator, temporalWindow } from './temporal-discriminator';

beforeAll(async () => {
  await initBackend('wasm');
});

const clip = (): tf.Tensor5D => tf.randomUniform<tf.Rank.R5>([2, 6, 8, 8, 1], -1, 1, 'float32', 1);

describe('temporalWindow', () => {
  it('takes `length` consecutive frames from a given or random start', () => {
    const x = tf.reshape<tf.Rank.R5>(tf.range(0, 6, 1, 'float32'), [1, 6, 1, 1, 1]);
    expect(Array.from(temporalWindow(x, 3, { start: 2 }).dataSync())).toEqual([2, 3, 4]);
    const starts = new Set(Array.from({ length: 30 }, (_, i) => temporalWindow(x, 4, { rng: new Rng(i) }).dataSync()[0]));
    expect([...starts].sort()).toEqual([0, 1, 2]);
    expect(() => temporalWindow(x, 7)).toThrow(/fewer/);
    expect(() => temporalWindow(x, 3, { start: 4 })).toThrow(/does not fit/);
  });
});

describe('TemporalDiscriminator', () => {
  it('gives one logit per clip window and the activations of each stage', () => {
    const d = new TemporalDiscriminator(new Rng(1), { temporalWindow: 4, temporalWidths: [4, 8] }, { frames: 6, channels: 1 });
    expect(d.config).toEqual({ inChannels: 1, window: 4, widths: [4, 8], groups: 4 });
    expect(new TemporalDiscriminator(new Rng(1), { temporalWindow: 12, temporalWidths: [4, 8] }, { frames: 6, channels: 1 }).config.window).toBe(6);
    const { logits, features } = d.apply(temporalWindow(clip(), 4, { rng: new Rng(2) }));
    expect(logits.shape).toEqual([2, 1]);
    expect(features.map((f) => f.shape)).toEqual([
      [2, 4, 4, 4, 4],
      [2, 2, 2, 2, 8],
    ]);
    expect(() => d.apply(clip())).toThrow(/temporalWindow/);
  });

  it('has a trainable R1 penalty (second-order gradients reach every conv and the head)', () => {
    const d = new TemporalDiscriminator(new Rng(3), { temporalWindow: 4, temporalWidths: [4, 8] }, { frames: 6, channels: 1 });
    const real = temporalWindow(clip(), 4, { start: 1 });
    const weights = d.parameters().filter((v) => v.rank >= 2);
    const { value, grads } = tf.variableGrads(() => r1Penalty((x) => d.apply(x as tf.Tensor5D).logits, real), weights);
    expect(value.dataSync()[0]).toBeGreaterThan(0);
    for (const w of weights) expect(tf.max(tf.abs(grads[w.name] ?? tf.zeros([1]))).dataSync()[0]).toBeGreaterThan(0);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from './tf';
import { initBackend } from './backend';
import { computeFans, glorotUniform, heNormal, kaimingUniform, ones, truncatedNormal, zeros } from './init';
import { Rng } from './rng';

beforeAll(async () => {
  await initBackend('cpu');
});

/** A small conv net's weights, each from a named child stream of one seed. */
function buildModel(seed: number): Record<string, tf.Tensor> {
  const rng = new Rng(seed);
  return {
    conv3d: heNormal([3, 3, 3, 1, 4], rng.child('conv3d')),
    conv2d: kaimingUniform([3, 3, 4, 8], rng.child('conv2d'), { a: Math.sqrt(5) }),
    dense: glorotUniform([8, 2], rng.child('dense')),
    embed: truncatedNormal([5, 3], rng.child('embed'), { std: 0.02 }),
    bias: zeros([2]),
    scale: ones([8]),
  };
}

const bytesOf = (t: tf.Tensor): Buffer => Buffer.from(t.dataSync().buffer.slice(0));

function stats(t: tf.Tensor): { mean: number; std: number; min: number; max: number } {
  const v = Array.from(t.dataSync());
  const mean = v.reduce((s, x) => s + x, 0) / v.length;
  const std = Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / v.length);
  return { mean, std, min: Math.min(...v), max: Math.max(...v) };
}

describe('computeFans', () => {
  it('dense [in, out]', () => expect(computeFans([64, 10])).toEqual({ fanIn: 64, fanOut: 10 }));
  it('conv2d [kh, kw, in, out]', () => expect(computeFans([3, 3, 16, 32])).toEqual({ fanIn: 144, fanOut: 288 }));
  it('conv3d [kd, kh, kw, in, out]', () => expect(computeFans([3, 5, 5, 2, 4])).toEqual({ fanIn: 150, fanOut: 300 }));
  it('bias [n]', () => expect(computeFans([7])).toEqual({ fanIn: 7, fanOut: 7 }));
  it('rejects bad shapes', () => expect(() => computeFans([3, 0])).toThrow(/positive integers/));
});

describe('seeded initialisers', () => {
  it('same seed -> bitwise identical weights; different seed -> different', () => {
    const a = buildModel(2024);
    const b = buildModel(2024);
    const c = buildModel(2025);
    for (const name of ['conv3d', 'conv2d', 'dense', 'embed']) {
      expect(bytesOf(a[name]).equals(bytesOf(b[name])), name).toBe(true);
      expect(bytesOf(a[name]).equals(bytesOf(c[name])), name).toBe(false);
    }
  });

  it('gives the same bits on the wasm backend as on cpu', async () => {
    const onCpu = buildModel(7);
    await initBackend('wasm');
    try {
      const onWasm = buildModel(7);
      for (const name of Object.keys(onCpu)) expect(bytesOf(onWasm[name]).equals(bytesOf(onCpu[name])), name).toBe(true);
    } finally {
      await initBackend('cpu');
    }
  });

  it('a seed number and an Rng of that seed agree', () => {
    expect(bytesOf(heNormal([4, 4], 5)).equals(bytesOf(heNormal([4, 4], new Rng(5))))).toBe(true);
  });

  it('heNormal has std sqrt(2 / fanIn)', () => {
    const s = stats(heNormal([3, 3, 32, 64], 1)); // fanIn 288, 18432 values
    expect(Math.abs(s.mean)).toBeLessThan(0.003);
    expect(s.std / Math.sqrt(2 / 288)).toBeCloseTo(1, 1);
  });

  it('kaimingUniform is bounded by gain * sqrt(3 / fanIn)', () => {
    const he = stats(kaimingUniform([3, 3, 32, 64], 1));
    const bound = Math.sqrt(6 / 288);
    expect(he.max).toBeLessThanOrEqual(bound);
    expect(he.min).toBeGreaterThanOrEqual(-bound);
    expect(he.max).toBeGreaterThan(0.99 * bound);
    const torch = stats(kaimingUniform([3, 3, 32, 64], 1, { a: Math.sqrt(5) }));
    expect(torch.max).toBeLessThanOrEqual(1 / Math.sqrt(288) + 1e-7);
    expect(torch.max).toBeGreaterThan(0.99 / Math.sqrt(288));
  });

  it('glorotUniform is bounded by sqrt(6 / (fanIn + fanOut)) with the matching std', () => {
    const s = stats(glorotUniform([200, 100], 3));
    const bound = Math.sqrt(6 / 300);
    expect(s.max).toBeLessThanOrEqual(bound);
    expect(s.min).toBeGreaterThanOrEqual(-bound);
    expect(s.std / (bound / Math.sqrt(3))).toBeCloseTo(1, 1);
  });

  it('truncatedNormal stays within two standard deviations of the mean', () => {
    const s = stats(truncatedNormal([100, 100], 4, { mean: 1, std: 0.5 }));
    expect(s.min).toBeGreaterThanOrEqual(0);
    expect(s.max).toBeLessThanOrEqual(2);
    expect(Math.abs(s.mean - 1)).toBeLessThan(0.01);
    expect(s.std / (0.5 * 0.8796)).toBeCloseTo(1, 1); // std of N(0,1) truncated at +-2 is 0.8796
  });

  it('zeros and ones are float32 of the given shape', () => {
    expect(zeros([2, 3]).shape).toEqual([2, 3]);
    expect(Array.from(ones([3]).dataSync())).toEqual([1, 1, 1]);
    expect(ones([3]).dtype).toBe('float32');
  });
});

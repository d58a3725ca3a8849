import { initBackend, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { GroupNorm } from '../group-norm';
import { Linear } from '../linear';
import { Module } from '../module';
import { copyWeights, updateWeightEma } from './weight-ema';

beforeAll(async () => {
  await initBackend('wasm');
});

/** A Linear plus a buffer, as a latent DDPM holds its fitted normalisation. */
class WithBuffer extends Module {
  readonly layer: Linear;
  readonly scale: tf.Variable;
  constructor(seed: number) {
    super(seed);
    this.layer = this.addModule('layer', new Linear(seed, { inFeatures: 2, outFeatures: 2 }));
    this.scale = this.addBuffer('scale', tf.scalar(seed));
  }
}

const values = (v: tf.Tensor): number[] => Array.from(v.dataSync());

describe('weight EMA', () => {
  it('averages parameters as decay * shadow + (1 - decay) * live and copies buffers', () => {
    const live = new WithBuffer(1);
    const shadow = new WithBuffer(2);
    const before = values(shadow.layer.weight);
    const w = values(live.layer.weight);
    updateWeightEma(shadow, live, 0.75);
    values(shadow.layer.weight).forEach((x, i) => expect(x).toBeCloseTo(0.75 * before[i] + 0.25 * w[i], 6));
    expect(values(shadow.scale)).toEqual([1]);
  });

  it('converges to the live weights and starts from a copy', () => {
    const live = new WithBuffer(3);
    const shadow = new WithBuffer(4);
    copyWeights(shadow, live);
    expect(values(shadow.layer.weight)).toEqual(values(live.layer.weight));
    live.layer.weight.assign(tf.onesLike(live.layer.weight));
    updateWeightEma(shadow, live, 0.5);
    // Half way after one step: the average lags the live weights (what EMA is for).
    expect(values(shadow.layer.weight)).not.toEqual(values(live.layer.weight));
    for (let i = 0; i < 60; i++) updateWeightEma(shadow, live, 0.5);
    values(shadow.layer.weight).forEach((x) => expect(x).toBeCloseTo(1, 6));
  });

  it('rejects modules of another architecture and a decay outside [0, 1)', () => {
    const live = new WithBuffer(5);
    expect(() => updateWeightEma(new GroupNormHolder(), live, 0.9)).toThrow(/no counterpart/);
    expect(() => updateWeightEma(new WithBuffer(6), live, 1)).toThrow(/\[0, 1\)/);
  });
});

class GroupNormHolder extends Module {
  constructor() {
    super(7);
    this.addModule('norm', new GroupNorm({ channels: 4, groups: 2 }));
  }
}

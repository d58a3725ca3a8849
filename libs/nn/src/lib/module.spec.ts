import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend, restoreCheckpoint, saveCheckpoint, tf, type RandomSource } from '@lddm/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Conv2d } from './conv2d';
import { GroupNorm } from './group-norm';
import { Linear } from './linear';
import { Module } from './module';
import { SpectralNorm } from './spectral-norm';

let dir: string;
beforeAll(async () => {
  await initBackend('wasm');
  dir = await mkdtemp(join(tmpdir(), 'lddm-nn-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

class Block extends Module {
  readonly conv1: Conv2d;
  readonly norm1: GroupNorm;
  readonly conv2: SpectralNorm<tf.Tensor4D, tf.Tensor4D>;
  constructor(source: RandomSource) {
    super(source);
    this.conv1 = this.addModule('conv1', (rng) => new Conv2d(rng, { inChannels: 4, outChannels: 4, kernel: 3, padding: 1, bias: false }));
    this.norm1 = this.addModule('norm1', new GroupNorm({ channels: 4, groups: 2 }));
    this.conv2 = this.addModule('conv2', (rng) => new SpectralNorm(rng, (r) => new Conv2d(r, { inChannels: 4, outChannels: 4, kernel: 1 })));
  }
}

/** A two-level tree; `extraFirst` adds an unrelated layer before the others are created. */
class Net extends Module {
  readonly head: Linear;
  constructor(source: RandomSource, options: { extraFirst?: boolean } = {}) {
    super(source);
    if (options.extraFirst === true) this.addModule('extra', (rng) => new Linear(rng, { inFeatures: 7, outFeatures: 9 }));
    this.addModule('stage1', (rng) => new Stage(rng));
    this.head = this.addModule('head', (rng) => new Linear(rng, { inFeatures: 4, outFeatures: 2 }));
  }
}
class Stage extends Module {
  constructor(source: RandomSource) {
    super(source);
    this.addModule('block0', (rng) => new Block(rng));
    this.addModule('block1', (rng) => new Block(rng));
  }
}

const values = (m: Module): Record<string, number[]> =>
  Object.fromEntries(Object.entries(m.stateDict()).map(([name, v]) => [name, Array.from(v.dataSync())]));

describe('Module', () => {
  it('names parameters by dotted path, uniquely and in registration order', () => {
    const net = new Net(1);
    const names = net.namedParameters().map(([n]) => n);
    expect(names).toEqual([
      'stage1.block0.conv1.weight', 'stage1.block0.norm1.gamma', 'stage1.block0.norm1.beta',
      'stage1.block0.conv2.layer.weight', 'stage1.block0.conv2.layer.bias',
      'stage1.block1.conv1.weight', 'stage1.block1.norm1.gamma', 'stage1.block1.norm1.beta',
      'stage1.block1.conv2.layer.weight', 'stage1.block1.conv2.layer.bias',
      'head.weight', 'head.bias',
    ]);
    const state = Object.keys(net.stateDict());
    expect(new Set(state).size).toBe(state.length);
    expect(state).toEqual(expect.arrayContaining(['stage1.block0.conv2.u', 'stage1.block1.conv2.v']));
    expect(Object.keys(new Net(2).stateDict())).toEqual(state);
    expect(net.parameterCount()).toBe(2 * (4 * 4 * 9 + 4 + 4 + 16 + 4) + 4 * 2 + 2);
  });

  it('names itself by path in error messages', () => {
    const net = new Net(1);
    expect(net.head.label).toBe('Linear(head)');
    expect(net.label).toBe('Net');
    const x = tf.zeros<tf.Rank.R2>([1, 5]);
    expect(() => net.head.apply(x)).toThrow(/^Linear\(head\): expected 4 channels/);
  });

  it('same seed gives bitwise the same state, another seed another state', () => {
    expect(values(new Net(11))).toEqual(values(new Net(11)));
    const a = values(new Net(11));
    const b = values(new Net(12));
    expect(a['stage1.block0.conv1.weight']).not.toEqual(b['stage1.block0.conv1.weight']);
    expect(a['head.weight']).not.toEqual(b['head.weight']);
  });

  it('siblings draw from different streams', () => {
    const a = values(new Net(11));
    expect(a['stage1.block0.conv1.weight']).not.toEqual(a['stage1.block1.conv1.weight']);
  });

  it('an unrelated layer created first does not change any other weight', () => {
    const plain = values(new Net(5));
    const withExtra = values(new Net(5, { extraFirst: true }));
    expect(Object.keys(withExtra)).toEqual(expect.arrayContaining(['extra.weight']));
    for (const [name, v] of Object.entries(plain)) expect(withExtra[name]).toEqual(v);
  });

  it('propagates train/eval mode and trainable flags to every descendant', () => {
    const net = new Net(1).eval();
    expect(net.training).toBe(false);
    expect(net.head.training).toBe(false);
    net.train();
    expect(net.head.training).toBe(true);
    net.setTrainable(false);
    expect(net.parameters({ trainableOnly: true })).toEqual([]);
    expect(net.namedBuffers().every(([, v]) => !v.trainable)).toBe(true);
  });

  it('refuses duplicate names and a module registered twice', () => {
    class Twice extends Module {
      constructor() {
        super(1);
        const shared = new GroupNorm({ channels: 2, groups: 1 });
        this.addModule('a', shared);
        this.addModule('b', shared);
      }
    }
    expect(() => new Twice()).toThrow(/already registered/);
    class Dup extends Module {
      constructor() {
        super(1);
        this.addModule('x', new GroupNorm({ channels: 2, groups: 1 }));
        this.addParameter('x', tf.zeros([1]));
      }
    }
    expect(() => new Dup()).toThrow(/"x" is already registered/);
    class NoRng extends Module {
      constructor() {
        super();
        this.addModule('lin', (rng) => new Linear(rng, { inFeatures: 1, outFeatures: 1 }));
      }
    }
    expect(() => new NoRng()).toThrow(/built without an Rng/);
  });

  it('round-trips through saveCheckpoint / restoreCheckpoint exactly', async () => {
    const source = new Net(21);
    const target = new Net(22);
    const path = join(dir, 'net.safetensors');
    await saveCheckpoint(path, { weights: source.stateDict() });
    await restoreCheckpoint(path, { variables: target.stateDict() });
    expect(values(target)).toEqual(values(source));
  });

  it('dispose frees every variable', () => {
    const before = tf.memory().numTensors;
    const net = new Net(3);
    expect(tf.memory().numTensors).toBe(before + Object.keys(net.stateDict()).length);
    net.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

import { initBackend, Rng, tf } from '@lddm/runtime';
import { createOptimizer } from '@lddm/nn';
import { beforeAll, describe, expect, it } from 'vitest';
import { flowBlockContract, perturbParameters, randomMatrix } from '../testing/flow-contract';
import { loadProfile } from '@lddm/config';
import { smallFlow } from '../testing/small-configs';
import { ConditionalFlow, type ConditionalFlowConfig } from './conditional-flow';

beforeAll(async () => {
  await initBackend('wasm');
});

const SMALL = smallFlow({ latentDim: 4, condDim: 3, blocks: 2, hidden: [8] });

/** Data-initialised on one batch, then every parameter perturbed, in eval mode. */
function readyFlow(input: ConditionalFlowConfig = SMALL, seed = 1): ConditionalFlow {
  const flow = new ConditionalFlow(seed, input);
  tf.dispose(Object.values(flow.encode(randomMatrix(32, input.latentDim, 100, 2), randomMatrix(32, input.condEncoder.cDim, 101))));
  perturbParameters(flow, seed + 1, 0.2);
  return flow.eval();
}

describe('ConditionalFlow', () => {
  describe('as a flow block (D = 4, 2 blocks)', () => {
    flowBlockContract({ dim: 4, condDim: 3, make: () => readyFlow() });
  });

  it("leakyLogdet false (the reference) is the same map with a log-det short by n_negative * log(alpha)", () => {
    const correct = readyFlow();
    const reference = readyFlow(smallFlow({ latentDim: 4, condDim: 3, blocks: 2, hidden: [8], leakyLogdet: false }));
    const z = randomMatrix(8, 4, 5, 2);
    const c = randomMatrix(8, 3, 6);
    const a = correct.encode(z, c);
    const b = reference.encode(z, c);
    expect(Array.from(b.v.dataSync())).toEqual(Array.from(a.v.dataSync()));
    const negatives = Array.from(tf.sub(b.logdet, a.logdet).dataSync()).map((d) => d / -Math.log(0.9));
    for (const n of negatives) expect(Math.abs(n - Math.round(n))).toBeLessThan(1e-3);
    expect(Math.max(...negatives)).toBeGreaterThan(0.5);
  });

  it("the paper profile's flow is the reference's", () => {
    const { cinn } = loadProfile('paper');
    expect([cinn.latentDim, cinn.condEncoder.cDim]).toEqual([64, 128]);
    expect(cinn.flow).toEqual({
      blocks: 20,
      hidden: [512, 512, 512],
      mlpSlope: 0.01,
      leakyAlpha: 0.9,
      leakyLogdet: true,
      actnormInit: 'data',
      permutation: 'random',
    });
  });

  it('is built of blocks x [actnorm, leakyRelu, coupling, permutation] with the expected parameter count', () => {
    const flow = new ConditionalFlow(1, smallFlow({ latentDim: 6, condDim: 5, blocks: 3, hidden: [16, 8] }));
    const names = flow.namedParameters().map(([n]) => n);
    expect(names).toContain('blocks.2.coupling.scale1.linear2.weight');
    expect(names).toContain('blocks.0.actnorm.scale');
    expect(flow.namedBuffers().map(([n]) => n)).toEqual(
      [0, 1, 2].flatMap((i) => [`blocks.${i}.actnorm.initialized`, `blocks.${i}.permutation.permutation`]),
    );
    // Per block: ActNorm 2 * 6; four MLPs (3 + 5) -> 16 -> 8 -> 3.
    const mlp = 8 * 16 + 16 + 16 * 8 + 8 + 8 * 3 + 3;
    expect(flow.parameterCount()).toBe(3 * (12 + 4 * mlp));
  });

  it('nll = mean(0.5 |v|^2) - mean(logdet), and bitsPerDim adds the Gaussian constant', () => {
    const flow = readyFlow();
    const z = randomMatrix(5, 4, 3);
    const c = randomMatrix(5, 3, 4);
    const { v, logdet } = flow.encode(z, c);
    const expected = tf.sub(tf.mean(tf.mul(tf.sum(tf.square(v), 1), 0.5)), tf.mean(logdet)).dataSync()[0];
    const nll = flow.nll(z, c).dataSync()[0];
    expect(nll).toBeCloseTo(expected, 5);
    expect(flow.bitsPerDim(z, c).dataSync()[0]).toBeCloseTo((nll + 2 * Math.log(2 * Math.PI)) / (4 * Math.LN2), 4);
  });

  it('samples: [B, D], reproducible from the Rng, temperature 0 gives f^{-1}(0; c)', () => {
    const flow = readyFlow();
    const c = randomMatrix(3, 3, 4);
    const a = flow.sample(c, new Rng(9));
    expect(a.shape).toEqual([3, 4]);
    expect(Array.from(flow.sample(c, new Rng(9)).dataSync())).toEqual(Array.from(a.dataSync()));
    const cold = flow.sample(c, new Rng(9), 0);
    const expected = flow.inverse(tf.zeros([3, 4]), c);
    expect(tf.max(tf.abs(tf.sub(cold, expected))).dataSync()[0]).toBeLessThan(1e-6);
  });

  it('data-initialises its ActNorms on the first training forward only', () => {
    const flow = new ConditionalFlow(2, SMALL);
    expect(flow.initialized).toBe(false);
    flow.eval().encode(randomMatrix(8, 4, 1), randomMatrix(8, 3, 2));
    expect(flow.initialized).toBe(false);
    flow.train().encode(randomMatrix(8, 4, 1), randomMatrix(8, 3, 2));
    expect(flow.initialized).toBe(true);
    expect(new ConditionalFlow(2, smallFlow({ latentDim: 4, condDim: 3, blocks: 2, hidden: [8], actnormInit: 'identity' })).initialized).toBe(true);
  });

  it('data-init inside a gradient tape gives the same step as data-init before it', () => {
    const z = tf.add(randomMatrix(16, 4, 1, 3), 5) as tf.Tensor2D;
    const c = randomMatrix(16, 3, 2);
    const adam = { kind: 'adam', lr: 1e-2, betas: [0.9, 0.99], momentum: 0, weightDecay: 0, amsgrad: true, gradClip: 0 } as const;
    const inTape = new ConditionalFlow(2, SMALL);
    const loss = createOptimizer({ ...adam, betas: [0.9, 0.99] }).step(inTape, () => inTape.nll(z, c));
    expect(Number.isFinite(loss)).toBe(true);
    expect(inTape.initialized).toBe(true);
    const before = new ConditionalFlow(2, SMALL);
    tf.dispose(Object.values(before.encode(z, c)));
    const initial = before.actNorms[0].loc.dataSync()[0];
    expect(initial).toBeLessThan(-3); // loc = -mean, the data sit around 5
    createOptimizer({ ...adam, betas: [0.9, 0.99] }).step(before, () => before.nll(z, c));
    expect(before.actNorms[0].loc.dataSync()[0]).not.toBe(initial);
    const after = Object.fromEntries(before.namedParameters().map(([n, v]) => [n, Array.from(v.dataSync())]));
    for (const [name, v] of inTape.namedParameters()) expect(Array.from(v.dataSync())).toEqual(after[name]);
  });

  it('rejects inputs of the wrong size', () => {
    const flow = new ConditionalFlow(2, SMALL);
    expect(() => flow.encode(randomMatrix(2, 5, 1), randomMatrix(2, 3, 1))).toThrow(/\[B, 4\]/);
    expect(() => flow.inverse(randomMatrix(2, 4, 1), randomMatrix(2, 2, 1))).toThrow(/cond/);
  });
});

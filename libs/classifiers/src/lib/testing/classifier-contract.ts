// The contract every Table 2 classifier is tested against (STYLE.md #8, one suite all inherit):
// logits of shape [B, numClasses]; a loss whose gradient reaches every parameter and one
// optimiser step that changes them all; and fitting eight tiny clips to 100% train accuracy.
import type { ClassifierId } from '@lddm/config';
import { createOptimizer } from '@lddm/nn';
import { initBackend, Rng, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import type { VideoClassifier } from '../models/video-classifier';
import { createClassifier } from '../registry';
import { crossEntropy } from '../training/cross-entropy';
import { TINY_CONFIGS, TINY_OPTIMIZER } from './tiny-configs';
import { tinyClips } from './tiny-clips';

export interface ContractOptions {
  /** Optimiser steps allowed to reach 100% train accuracy on the 8 tiny clips. */
  maxFitSteps?: number;
}

export function describeClassifierContract(name: ClassifierId, options: ContractOptions = {}): void {
  const maxFitSteps = options.maxFitSteps ?? 60;
  const build = (seed = 1): VideoClassifier => createClassifier(name, TINY_CONFIGS, { numClasses: 2, inChannels: 1, seed });
  const randomClips = (b: number, t: number, size: number, seed: number): tf.Tensor5D => {
    const rng = new Rng(seed);
    return tf.tensor5d(Float32Array.from({ length: b * t * size * size }, () => rng.uniform(-1, 1)), [b, t, size, size, 1]);
  };

  describe(`${name}: classifier contract`, () => {
    beforeAll(async () => {
      await initBackend('wasm');
    });

    it('maps clips [B, T, H, W, 1] to finite logits [B, 2], resizing frames of another size', () => {
      const model = build();
      for (const size of [16, 20]) {
        for (const training of [true, false]) {
          const logits = tf.tidy(() => model.apply(randomClips(3, 8, size, 2), training));
          expect(logits.shape).toEqual([3, 2]);
          expect(Array.from(logits.dataSync()).every(Number.isFinite)).toBe(true);
          logits.dispose();
        }
      }
      expect(() => model.apply(tf.zeros([1, 8, 16, 16, 3]), false)).toThrow(/expected clips/);
      model.dispose();
    });

    it('gives every parameter a non-zero gradient, and one step changes every parameter', () => {
      const model = build(3);
      const clips = randomClips(2, 8, 16, 4);
      const labels = tf.tensor1d([0, 1], 'int32');
      const loss = () => crossEntropy(model.apply(clips, true), labels);
      const named = model.namedParameters();
      const { value, grads } = tf.variableGrads(loss, named.map(([, v]) => v));
      const zeroGrad = named.filter(([, v]) => tf.tidy(() => tf.max(tf.abs(grads[v.name])).dataSync()[0]) === 0).map(([n]) => n);
      expect(zeroGrad).toEqual([]);
      tf.dispose([value, ...Object.values(grads)]);
      const before = named.map(([, v]) => v.dataSync().slice());
      const optimizer = createOptimizer({ ...TINY_OPTIMIZER, lr: 1e-2 });
      expect(Number.isFinite(optimizer.step(model, loss))).toBe(true);
      const unchanged = named.filter(([, v], i) => v.dataSync().every((x, j) => x === before[i][j])).map(([n]) => n);
      expect(unchanged).toEqual([]);
      optimizer.dispose();
      tf.dispose([clips, labels]);
      model.dispose();
    });

    it(`fits 8 tiny clips to 100% train accuracy within ${maxFitSteps} steps`, () => {
      const model = build(5);
      const data = tinyClips();
      const clips = tf.tensor5d(data.data, data.shape);
      const labels = tf.tensor1d(data.labels, 'int32');
      const optimizer = createOptimizer(TINY_OPTIMIZER);
      const accuracy = (): number =>
        tf.tidy(() => tf.mean(tf.cast(tf.equal(tf.argMax(model.apply(clips, false), 1), labels), 'float32')).dataSync()[0]);
      let steps = 0;
      let acc = accuracy();
      while (acc < 1 && steps < maxFitSteps) {
        optimizer.step(model, () => crossEntropy(model.apply(clips, true), labels));
        steps++;
        if (steps % 5 === 0) acc = accuracy();
      }
      expect({ name, accuracy: accuracy() }).toEqual({ name, accuracy: 1 });
      optimizer.dispose();
      tf.dispose([clips, labels]);
      model.dispose();
    });
  });
}

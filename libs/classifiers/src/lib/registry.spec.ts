import { CLASSIFIER_IDS, loadProfile } from '@lddm/config';
import { initBackend, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { createClassifier } from './registry';
import { TINY_CONFIGS } from './testing/tiny-configs';
import { trainLoopConfig } from './training/train-loop-config';

beforeAll(async () => {
  await initBackend('wasm');
});

describe('classifier registry', () => {
  it('builds every model by name, reproducibly from the seed', () => {
    for (const name of CLASSIFIER_IDS) {
      const a = createClassifier(name, TINY_CONFIGS, { numClasses: 2, inChannels: 1, seed: 4 });
      const b = createClassifier(name, TINY_CONFIGS, { numClasses: 2, inChannels: 1, seed: 4 });
      expect(a.kind).toBe(name);
      const [[, wa]] = a.namedParameters();
      const [[, wb]] = b.namedParameters();
      expect(wa.dataSync()).toEqual(wb.dataSync());
      a.dispose();
      b.dispose();
    }
    expect(() => createClassifier('vit' as 'c3d', TINY_CONFIGS, { numClasses: 2, inChannels: 1, seed: 1 })).toThrow(/unknown classifier/);
  });

  it('builds every model of the smoke profile and runs it on a smoke-sized clip', () => {
    const smoke = loadProfile('smoke');
    const size = smoke.classifiers.c3d.inputSize;
    const clip = tf.randomUniform([1, 8, size, size, 1], -1, 1, 'float32', 1) as tf.Tensor5D;
    for (const name of CLASSIFIER_IDS) {
      const model = createClassifier(name, smoke.classifiers, { numClasses: 2, inChannels: 1, seed: 1 });
      expect(tf.tidy(() => model.apply(clip, false).shape)).toEqual([1, 2]);
      model.dispose();
    }
  });

  it('merges the shared train block with each model optimiser for the trainer', () => {
    const paper = loadProfile('paper');
    const c3d = trainLoopConfig(paper.classifiers, 'c3d');
    expect(c3d.epochs).toBe(50);
    expect(c3d.optimizer.kind).toBe('sgd');
    expect(c3d.batchSize).toBe(paper.classifiers.c3d.batchSize);
    expect(trainLoopConfig(paper.classifiers, 'atmnet').optimizer.kind).toBe('adamw');
    expect('testClips' in c3d).toBe(false);
  });
});

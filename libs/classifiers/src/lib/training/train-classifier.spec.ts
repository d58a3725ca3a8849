import { initBackend, Rng, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateClassifier } from '../evaluation/evaluate-classifier';
import { createClassifier } from '../registry';
import { TINY_CONFIGS, TINY_OPTIMIZER, TINY_SCHEDULE } from '../testing/tiny-configs';
import { tinyClips } from '../testing/tiny-clips';
import { selectRows } from './labelled-clips';
import { trainClassifier, type EpochRecord, type TrainLoopConfig } from './train-classifier';

beforeAll(async () => {
  await initBackend('wasm');
});

describe('trainClassifier', () => {
  it('trains on the training videos only, selects the best validation epoch and restores its weights', () => {
    const clips = tinyClips(12);
    const videoIds = Array.from({ length: 12 }, (_, i) => `v${i}`);
    const train = { data: clips.data, shape: clips.shape, labels: clips.labels, videoIds };
    const model = createClassifier('tsm', TINY_CONFIGS, { numClasses: 2, inChannels: 1, seed: 2 });
    const config: TrainLoopConfig = {
      epochs: 4,
      earlyStoppingPatience: 2,
      valFraction: 0.34,
      selectOn: 'val-acc',
      classBalancing: 'oversample',
      augment: { hflip: true, cropScales: [1, 0.875], colorJitter: 0.1 },
      optimizer: TINY_OPTIMIZER,
      lrSchedule: { ...TINY_SCHEDULE, kind: 'cosine' },
      batchSize: 4,
    };
    const seen: EpochRecord[] = [];
    const tensorsBefore = tf.memory().numTensors;
    const result = trainClassifier({ model, train, config, rng: new Rng(7), onEpoch: (r) => seen.push(r) });
    // Batches, augmentations, gradients, optimiser slots and the best snapshot are all freed.
    expect(tf.memory().numTensors).toBe(tensorsBefore);

    // 2 of 6 videos per class held out: 8 clips train, oversampling keeps 4 + 4 per epoch.
    expect(result.valVideoIds).toHaveLength(4);
    expect(result.trainClips).toBe(8);
    expect(seen).toEqual(result.history);
    expect(result.history.length).toBeGreaterThanOrEqual(3);
    expect(result.history[0].lr).toBe(TINY_OPTIMIZER.lr);
    expect(result.history[1].lr).toBeLessThan(TINY_OPTIMIZER.lr);
    for (const r of result.history) expect(Number.isFinite(r.trainLoss) && r.val !== undefined).toBe(true);

    // The selected epoch is the first best, and the model returned holds its weights.
    const monitored = result.history.map((r) => r.monitored ?? NaN);
    expect(result.selectedEpoch).toBe(monitored.indexOf(Math.max(...monitored)));
    const valRows = videoIds.flatMap((v, i) => (result.valVideoIds.includes(v) ? [i] : []));
    expect(evaluateClassifier(model, selectRows(train, valRows)).accuracy).toBe(result.history[result.selectedEpoch].val?.accuracy);
    if (result.stoppedEarly) expect(result.history.length - 1 - result.selectedEpoch).toBe(2);
    model.dispose();
  });
});

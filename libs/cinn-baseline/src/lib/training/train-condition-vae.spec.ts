import { initBackend, Rng } from '@lddm/runtime';
import { createOptimizer } from '@lddm/nn';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConditionVae } from '../encoder/condition-vae';
import { smallCondEncoder, smallImage } from '../testing/small-configs';
import { trainConditionVae } from './train-condition-vae';

beforeAll(async () => {
  await initBackend('wasm');
});

/** Smooth tiny images: blobs at a few positions, in [-1, 1]. */
function blobs(n: number, size: number): Float32Array {
  const out = new Float32Array(n * size * size);
  for (let i = 0; i < n; i++) {
    const cy = 4 + (i % 3) * 4;
    const cx = 4 + ((i >> 1) % 3) * 4;
    for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) out[i * size * size + y * size + x] = 2 * Math.exp(-((y - cy) ** 2 + (x - cx) ** 2) / 8) - 1;
  }
  return out;
}

describe('trainConditionVae', () => {
  it('the loss falls over a few steps on tiny images, and every term is reported', async () => {
    const vae = new ConditionVae(1, smallCondEncoder({ backbone: { block: 'basic', layers: [1, 1], widths: [8, 16], stemWidth: 8 }, cDim: 8, decoderNf: 4, klWeight: 1e-3 }), smallImage(16));
    const optimizer = createOptimizer({ kind: 'adam', lr: 3e-3, betas: [0.5, 0.9], momentum: 0, weightDecay: 0, amsgrad: false, gradClip: 0 });
    const history: Array<{ epoch: number; losses: Record<string, number> }> = [];
    await trainConditionVae(vae, blobs(8, 16), { train: { unit: 'epochs', length: 6 }, batchSize: 4, optimizer, rng: new Rng(5), onStep: (_s, losses, epoch) => history.push({ epoch, losses }) });
    expect(history).toHaveLength(12);
    expect(history.map((h) => h.epoch)).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    for (const { losses } of history) expect(losses.loss).toBeCloseTo(losses.recon + 1e-3 * losses.kl, 4);
    const first = (history[0].losses.loss + history[1].losses.loss) / 2;
    const last = (history[10].losses.loss + history[11].losses.loss) / 2;
    expect(last).toBeLessThan(0.8 * first);
  });

  it('rejects an image array that is not whole images of the configured size', async () => {
    const vae = new ConditionVae(1, smallCondEncoder({ backbone: { block: 'basic', layers: [1], widths: [4], stemWidth: 4 }, cDim: 2, decoderNf: 2 }), smallImage(8));
    const optimizer = createOptimizer({ kind: 'sgd', lr: 1e-3, betas: [0.9, 0.999], momentum: 0, weightDecay: 0, amsgrad: false, gradClip: 0 });
    await expect(trainConditionVae(vae, new Float32Array(65), { train: { unit: 'iterations', length: 1 }, batchSize: 2, optimizer, rng: new Rng(1) })).rejects.toThrow(/rows of 64/);
  });
});

import { initBackend, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { TimeEmbedding } from './time-embedding';

beforeAll(async () => {
  await initBackend('wasm');
});

describe('TimeEmbedding', () => {
  it('maps [B] timesteps to [B, dim], distinct per timestep, same seed same values', () => {
    const a = new TimeEmbedding(3, { frequencyDim: 16, dim: 12 });
    const b = new TimeEmbedding(3, { frequencyDim: 16, dim: 12 });
    const t = tf.tensor1d([1, 500, 1000], 'int32');
    const ea = a.apply(t);
    const eb = b.apply(t);
    expect(ea.shape).toEqual([3, 12]);
    expect(Array.from(ea.dataSync())).toEqual(Array.from(eb.dataSync()));
    const rows = ea.arraySync();
    expect(rows[0]).not.toEqual(rows[1]);
    expect(a.parameterCount()).toBe(16 * 12 + 12 + 12 * 12 + 12);
    tf.dispose([t, ea, eb]);
    a.dispose();
    b.dispose();
  });
});

import { initBackend, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { FilmResidualBlock } from './film-residual-block';

beforeAll(async () => {
  await initBackend('wasm');
});

describe('FilmResidualBlock', () => {
  it('is the identity when fresh (zero-initialised last layer)', () => {
    const block = new FilmResidualBlock(2, { width: 8, embDim: 5 });
    const x = tf.randomNormal<tf.Rank.R2>([4, 8], 0, 1, 'float32', 1);
    const e = tf.randomNormal<tf.Rank.R2>([4, 5], 0, 1, 'float32', 2);
    const y = block.apply(x, e);
    expect(y.shape).toEqual([4, 8]);
    expect(Array.from(y.dataSync())).toEqual(Array.from(x.dataSync()));
    tf.dispose([x, e, y]);
    block.dispose();
  });

  it('depends on the embedding once its last layer is trained away from zero', () => {
    const block = new FilmResidualBlock(2, { width: 8, embDim: 5, normGroups: 2 });
    const [, last] = block.namedParameters().find(([n]) => n === 'linear2.weight') ?? [];
    if (last === undefined) throw new Error('no linear2.weight');
    last.assign(tf.randomNormal(last.shape, 0, 0.3, 'float32', 4));
    const x = tf.randomNormal<tf.Rank.R2>([2, 8], 0, 1, 'float32', 1);
    const e1 = tf.zeros<tf.Rank.R2>([2, 5]);
    const e2 = tf.ones<tf.Rank.R2>([2, 5]);
    const d = tf.tidy(() => tf.max(tf.abs(tf.sub(block.apply(x, e1), block.apply(x, e2)))).dataSync()[0]);
    expect(d).toBeGreaterThan(1e-3);
    tf.dispose([x, e1, e2]);
    block.dispose();
  });

  it('rejects mismatched shapes', () => {
    const block = new FilmResidualBlock(2, { width: 4, embDim: 3 });
    const x = tf.zeros<tf.Rank.R2>([2, 4]);
    const e = tf.zeros<tf.Rank.R2>([3, 3]);
    expect(() => block.apply(x, e)).toThrow(/expected e of shape \[2, 3\]/);
    tf.dispose([x, e]);
    block.dispose();
  });
});

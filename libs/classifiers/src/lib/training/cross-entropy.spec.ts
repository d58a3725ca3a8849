import { initBackend, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { crossEntropy } from './cross-entropy';

beforeAll(async () => {
  await initBackend('wasm');
});

describe('crossEntropy', () => {
  const logits = () => tf.tensor2d([[2, 0], [0, 1], [1, 1]]);
  const labels = () => tf.tensor1d([0, 1, 1], 'int32');
  const nll = [Math.log(1 + Math.exp(-2)), Math.log(1 + Math.exp(-1)), Math.log(2)];

  it('is the mean negative log-likelihood', () => {
    expect(crossEntropy(logits(), labels()).dataSync()[0]).toBeCloseTo((nll[0] + nll[1] + nll[2]) / 3, 5);
  });

  it('with class weights is sum w_y nll / sum w_y (PyTorch)', () => {
    const expected = (1 * nll[0] + 3 * nll[1] + 3 * nll[2]) / 7;
    expect(crossEntropy(logits(), labels(), [1, 3]).dataSync()[0]).toBeCloseTo(expected, 5);
    expect(() => crossEntropy(logits(), labels(), [1])).toThrow(/class weights/);
  });
});

import { describe, expect, it } from 'vitest';
import { diversity } from './diversity';

describe('diversity', () => {
  it('is 0 for identical samples under both distances', () => {
    const same = Float32Array.from([1, 2, 3, 1, 2, 3, 1, 2, 3, -1, 0, 4, -1, 0, 4, -1, 0, 4]);
    for (const distance of ['vgg-mse', 'vgg-cosine'] as const) {
      expect(diversity({ data: same, conditions: 2, samples: 3, d: 3 }, distance).value).toBeCloseTo(0, 7);
    }
  });

  it('averages over ordered pairs i != j and then over conditions (hand-checked)', () => {
    // Condition 0: samples (0, 0), (2, 0), (0, 2): squared distances per dim 2, 2, 4 -> mean 8/3 over
    // 3 unordered = 6 ordered pairs. Condition 1: (1, 1), (1, 1), (3, 1): 0, 2, 2 -> 4/3.
    const data = Float32Array.from([0, 0, 2, 0, 0, 2, 1, 1, 1, 1, 3, 1]);
    const result = diversity({ data, conditions: 2, samples: 3, d: 2 }, 'vgg-mse');
    expect(result.perCondition[0]).toBeCloseTo(8 / 3, 6);
    expect(result.perCondition[1]).toBeCloseTo(4 / 3, 6);
    expect(result.value).toBeCloseTo(2, 6);
    expect(result.distance).toBe('vgg-mse');
  });

  it('cosine distance: orthogonal samples give 1, opposite give 2', () => {
    expect(diversity({ data: Float32Array.from([1, 0, 0, 3]), conditions: 1, samples: 2, d: 2 }, 'vgg-cosine').value).toBeCloseTo(1, 7);
    expect(diversity({ data: Float32Array.from([1, 1, -2, -2]), conditions: 1, samples: 2, d: 2 }, 'vgg-cosine').value).toBeCloseTo(2, 7);
  });

  it('rejects a single sample per condition', () => {
    expect(() => diversity({ data: new Float32Array(4), conditions: 2, samples: 1, d: 2 }, 'vgg-mse')).toThrow(/at least 2 samples/);
  });
});

import { describe, expect, it } from 'vitest';
import { regimeParts } from './cell';
import { concatClips } from './training-data';

const set = (n: number, fill: number, label: number, id: string) => ({
  data: new Float32Array(n * 2 * 3 * 3).fill(fill),
  shape: [n, 2, 3, 3, 1] as const,
  labels: new Int32Array(n).fill(label),
  videoIds: Array.from({ length: n }, (_, i) => `${id}${i}`),
});

describe('regime training sets', () => {
  it('reads the regime: real, synthetic only, or both, and which generator', () => {
    expect(regimeParts('real')).toEqual({ real: true, generator: null });
    expect(regimeParts('synthetic:cinn')).toEqual({ real: false, generator: 'cinn' });
    expect(regimeParts('real+synthetic:lddm')).toEqual({ real: true, generator: 'lddm' });
  });

  it('concatenates real then synthetic clips with their labels and video ids', () => {
    const both = concatClips(set(2, 1, 0, 'r'), set(3, -1, 1, 'lddm:s'));
    expect(both.shape).toEqual([5, 2, 3, 3, 1]);
    expect(Array.from(both.labels)).toEqual([0, 0, 1, 1, 1]);
    expect(both.videoIds).toEqual(['r0', 'r1', 'lddm:s0', 'lddm:s1', 'lddm:s2']);
    expect(both.data[2 * 18 - 1]).toBe(1);
    expect(both.data[2 * 18]).toBe(-1);
    expect(() => concatClips(set(1, 0, 0, 'a'), { ...set(1, 0, 0, 'b'), shape: [1, 4, 3, 3, 1], data: new Float32Array(36) })).toThrow(/differ/);
  });
});

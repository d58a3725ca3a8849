import { initBackend } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeClassifierContract } from '../testing/classifier-contract';
import { TINY_CONFIGS } from '../testing/tiny-configs';
import { Tsm } from './tsm';

describeClassifierContract('tsm');

describe('TSM', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('builds the configured backbone and rejects a config outside the schema', () => {
    const model = new Tsm(1, TINY_CONFIGS.tsm, { numClasses: 2, inChannels: 1 });
    // Bottleneck stages of widths [4, 8] expand x4: a 32-channel feature into the head.
    expect(model.backbone.outChannels).toBe(32);
    expect(model.config.shiftDiv).toBe(8);
    expect(Object.isFrozen(model.config.backbone)).toBe(true);
    model.dispose();
    expect(() => new Tsm(1, { ...TINY_CONFIGS.tsm, segments: 0 }, { numClasses: 2, inChannels: 1 })).toThrow();
  });
});

import { initBackend } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeClassifierContract } from '../../testing/classifier-contract';
import { TINY_CONFIGS } from '../../testing/tiny-configs';
import { Tdn } from './tdn';

describeClassifierContract('tdn');

describe('TDN', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('puts the long-term TDM and the shift in every block of layers 2+ only, and a layer1 copy in the difference branch', () => {
    const model = new Tdn(1, TINY_CONFIGS.tdn, { numClasses: 2, inChannels: 1 });
    const names = model.namedParameters().map(([n]) => n);
    expect(names.some((n) => n.startsWith('backbone.layer1.') && n.includes('.temporal.'))).toBe(false);
    expect(names).toContain('backbone.layer2.0.temporal.tdm.reduce.weight');
    expect(names).toContain('backbone.layer2.0.temporal.shift.weight');
    expect(names).toContain('differenceLayer1.0.conv1.weight');
    expect(names).toContain('shortTerm.stem.1.weight');
    model.dispose();
  });
});

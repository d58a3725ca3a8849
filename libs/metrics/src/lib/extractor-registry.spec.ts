import { initBackend } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMetricNetwork, extractorRegistry } from './extractor-registry';
import { I3dExtractor } from './i3d-extractor';
import { LpipsMetric } from './lpips-metric';
import { VggDiversity } from './vgg-diversity';

describe('extractorRegistry', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('knows the ids the profiles name', () => {
    expect(Object.keys(extractorRegistry).sort()).toEqual(['i3d-dtdb', 'i3d-in-domain', 'i3d-kinetics400', 'lpips-vgg16-v0.1', 'vgg16']);
  });

  it('builds each network with its id, output and seeded weights', async () => {
    const options = { size: 32, frames: 8, seed: 1, width: 1 / 16 };
    const fvd = await createMetricNetwork('i3d-kinetics400', options);
    expect(fvd).toBeInstanceOf(I3dExtractor);
    expect(fvd.id).toBe('i3d-kinetics400');
    expect((fvd as I3dExtractor).dim).toBe(400);
    const dtfvd = await createMetricNetwork('i3d-dtdb', options);
    expect((dtfvd as I3dExtractor).dim).toBe(64);
    expect((dtfvd as I3dExtractor).network.config.classes).toBe(18);
    const lpips = await createMetricNetwork('lpips-vgg16-v0.1', options);
    expect(lpips).toBeInstanceOf(LpipsMetric);
    const vgg = await createMetricNetwork('vgg16', options);
    expect(vgg).toBeInstanceOf(VggDiversity);
    for (const network of [fvd, dtfvd, lpips, vgg]) {
      expect(network.weights.source).toBe('seeded-init');
      network.dispose();
    }
  });

  it('requires a weights file for the in-domain I3D and rejects unknown ids', async () => {
    await expect(createMetricNetwork('i3d-in-domain', { size: 32, frames: 8, seed: 1 })).rejects.toThrow(/needs the weights file/);
    await expect(createMetricNetwork('inception-v3', { size: 32, frames: 8, seed: 1 })).rejects.toThrow(/unknown extractor "inception-v3"; known: i3d-kinetics400/);
  });
});

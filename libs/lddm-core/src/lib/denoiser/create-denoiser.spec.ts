import { latentShape, loadProfile, type Profile } from '@lddm/config';
import { initBackend, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { commonGroups } from '../common-groups';
import { createDenoiser, type LatentSpec } from './create-denoiser';
import { ResidualMlpDenoiser } from './residual-mlp-denoiser';
import { UNet3dDenoiser } from './unet-3d-denoiser';

beforeAll(async () => {
  await initBackend('wasm');
});

const spatiotemporal = { 'lddm.stage1.latent.kind': 'spatiotemporal' };
const latentOf = (p: Profile): LatentSpec => ({ kind: p.lddm.stage1.latent.kind, shape: latentShape(p.lddm.stage1, p.data) });

describe('createDenoiser', () => {
  it('builds a ResidualMlpDenoiser for the smoke profile (vector latent) and a UNet3dDenoiser for a spatiotemporal one', () => {
    for (const [profile, kind] of [[loadProfile('smoke'), 'residual-mlp'], [loadProfile('smoke', { overrides: { ...spatiotemporal, 'cinn.latentDim': 64 } }), 'unet-3d']] as const) {
      const latent = latentOf(profile);
      expect(latent.shape).toEqual(kind === 'unet-3d' ? [1, 4, 4, 4] : [16]);
      const network = createDenoiser(1, profile.lddm.stage2.denoiser, latent, profile.data);
      expect(network).toBeInstanceOf(kind === 'unet-3d' ? UNet3dDenoiser : ResidualMlpDenoiser);
      // Either way, an EpsilonModel on [B, ...latent] with x0 [B, size, size, channels].
      const zt = tf.randomNormal([2, ...latent.shape], 0, 1, 'float32', 1);
      const t = tf.tensor1d([1, 50], 'int32');
      const x0 = tf.randomUniform<tf.Rank.R4>([2, profile.data.imageSize, profile.data.imageSize, profile.data.channels], -1, 1, 'float32', 2);
      const eps = network.asEpsilonModel()(zt, t, x0);
      expect(eps.shape).toEqual(zt.shape);
      // Conditioned once (for sampling), the network predicts the same noise, step after step.
      const conditioned = network.conditionedOn(x0);
      for (let step = 0; step < 2; step++) {
        const cached = conditioned.model(zt, t, undefined);
        expect(tf.max(tf.abs(tf.sub(cached, eps))).dataSync()[0]).toBeLessThan(1e-6);
        cached.dispose();
      }
      expect(() => conditioned.model(tf.slice(zt, 0, 1), tf.slice(t, 0, 1), undefined)).toThrow(/conditioned on 2 images/);
      const live = tf.memory().numTensors;
      conditioned.dispose();
      expect(tf.memory().numTensors).toBeLessThan(live);
      tf.dispose([zt, t, x0, eps]);
      network.dispose();
    }
  });

  it('reads the paper profile: 6 MLP blocks of 512 for the vector latent; the UNet for [1, 4, 4, 4] (smoke widths)', () => {
    const paper = loadProfile('paper');
    const mlp = createDenoiser(1, paper.lddm.stage2.denoiser, latentOf(paper), paper.data);
    if (!(mlp instanceof ResidualMlpDenoiser)) throw new Error('expected a ResidualMlpDenoiser');
    expect([mlp.config.zDim, mlp.config.width, mlp.config.blocks, mlp.config.normGroups, mlp.config.timeFrequencyDim, mlp.config.timeDim]).toEqual([64, 512, 6, 1, 128, 128]);
    expect(mlp.config.image).toEqual({ inChannels: 1, widths: [32, 64, 128, 256], groups: 8, condDim: 256 });
    mlp.dispose();
    // The paper's 3 levels of 512 are too large to build here; the mapping is the same at smoke widths.
    const st = loadProfile('smoke', { overrides: { ...spatiotemporal, 'cinn.latentDim': 64 } });
    const unet = createDenoiser(1, st.lddm.stage2.denoiser, latentOf(st), st.data);
    if (!(unet instanceof UNet3dDenoiser)) throw new Error('expected a UNet3dDenoiser');
    expect(unet.config.latent).toEqual({ frames: 1, height: 4, width: 4, channels: 4 });
    expect([unet.config.widths, unet.config.blocksPerLevel, unet.config.middleBlocks, unet.config.normGroups, unet.config.spatialCondition, unet.config.dropout]).toEqual([[64], 1, 2, 32, true, 0]);
    unet.dispose();
  });

  it('refuses profile values a network would silently ignore, and picks common GroupNorm groups', () => {
    const base = loadProfile('smoke').lddm.stage2.denoiser;
    const vector: LatentSpec = { kind: 'vector', shape: [16] };
    const image = { imageSize: 32, channels: 1 } as const;
    expect(() => createDenoiser(1, { ...base, widths: [64, 32] }, vector, image)).toThrow(/equal widths/);
    expect(() => createDenoiser(1, { ...base, dropout: 0.1 }, vector, image)).toThrow(/no dropout/);
    expect(() => createDenoiser(1, base, { kind: 'spatiotemporal', shape: [16] }, image)).toThrow(/\[T', h, w, c\]/);
    expect([commonGroups([64], 32), commonGroups([48, 96], 32), commonGroups([24, 36], 8), commonGroups([7], 8)]).toEqual([32, 24, 6, 7]);
  });
});

// Reverse-diffusion steps (ten per timed repetition) of the cpu profile's stage-2 denoiser (vector z, x0 at 64 px,
// batch 8): with x0 encoded at every call, as training needs, and with x0 encoded once
// (conditionedOn), as sampling does. DDPM calls the denoiser T = 1000 times per batch of videos.
import { latentShape, loadProfile } from '@lddm/config';
import { createDenoiser } from '@lddm/lddm-core';
import { Rng, tf } from '@lddm/runtime';
import type { Prepared } from './types';

export const STEPS_PER_RUN = 10;

export function ddpmStep(mode: 'encode-per-step' | 'encoded-once', batch = 8): Prepared {
  const profile = loadProfile('cpu');
  const latent = { kind: profile.lddm.stage1.latent.kind, shape: latentShape(profile.lddm.stage1, profile.data) };
  const image = { size: profile.data.imageSize, channels: profile.data.channels };
  const network = createDenoiser(new Rng(1), profile.lddm.stage2.denoiser, latent, profile.data);
  network.eval();
  const zt = tf.randomNormal([batch, ...latent.shape], 0, 1, 'float32', 2);
  const t = tf.fill([batch], 500, 'int32') as tf.Tensor1D;
  const x0 = tf.randomUniform<tf.Rank.R4>([batch, image.size, image.size, image.channels], -1, 1, 'float32', 3);
  const conditioned = mode === 'encoded-once' ? network.conditionedOn(x0) : undefined;
  const perCall = network.asEpsilonModel();
  return {
    // Ten steps per repetition: one call (~10-40 ms) is too short to time on a loaded machine.
    run() {
      for (let i = 0; i < STEPS_PER_RUN; i++) {
        const eps = conditioned === undefined ? perCall(zt, t, x0) : conditioned.model(zt, t, undefined);
        eps.dataSync();
        eps.dispose();
      }
    },
    dispose() {
      conditioned?.dispose();
      tf.dispose([zt, t, x0]);
      network.dispose();
    },
  };
}

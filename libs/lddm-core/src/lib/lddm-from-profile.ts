// The LDDM networks a profile describes, built in one place so that training, synthesis and
// evaluation rebuild exactly the models whose weights a checkpoint holds.
import type { DataConfig, DeepReadonly, Stage1Config, Stage2Config } from '@lddm/config';
import type { Rng } from '@lddm/runtime';
import { autoencoderConfigFromProfile, VideoAutoencoder } from './autoencoder/video-autoencoder';
import { NoiseSchedule } from './diffusion/noise-schedule';
import { denoiserFromProfile } from './denoiser/denoiser-from-profile';
import { LatentDdpm } from './latent-ddpm';

type ClipData = Pick<DataConfig, 'imageSize' | 'framesPerClip' | 'channels'>;

export function autoencoderFromProfile(stage1: DeepReadonly<Stage1Config>, data: ClipData, rng: Rng): VideoAutoencoder {
  return new VideoAutoencoder(rng, autoencoderConfigFromProfile(stage1 as Stage1Config, data));
}

export function noiseScheduleFromProfile(stage2: DeepReadonly<Stage2Config>): NoiseSchedule {
  const { kind, betaStart, betaEnd, cosineS } = stage2.schedule;
  return new NoiseSchedule({ kind, timesteps: stage2.timesteps, betaStart, betaEnd, cosineS });
}

/** The latent DDPM for latents of `latentShape` (per sample) from the stage-1 encoder. */
export function latentDdpmFromProfile(stage2: DeepReadonly<Stage2Config>, latent: { kind: 'vector' | 'spatiotemporal'; shape: readonly number[] }, data: ClipData, rng: Rng): LatentDdpm {
  const denoiser = denoiserFromProfile(stage2.denoiser, latent, { size: data.imageSize, channels: data.channels }, rng.child('denoiser'));
  return new LatentDdpm({ schedule: noiseScheduleFromProfile(stage2), denoiser: denoiser.network, latentShape: latent.shape });
}

// Spec-only: the profiles' parsed lddm sections with a few values overridden, so that specs build
// small networks from the settings the pipeline reads (no module keeps defaults of its own).
// paper.json holds every default; smoke.json the small sizes.
import { deepMerge, loadProfile, type DataConfig, type DeepReadonly, type Profile, type Stage1Config, type Stage2Config } from '@lddm/config';

type Over<T> = { [K in keyof T]?: T[K] extends readonly unknown[] ? T[K] : T[K] extends object ? Over<T[K]> : T[K] };

const loaded = new Map<string, Profile>();
const profile = (name: 'smoke' | 'paper'): Profile => {
  const p = loaded.get(name) ?? loadProfile(name);
  loaded.set(name, p);
  return p;
};

const merged = <T>(base: T, over: Over<T> | undefined): T => (over === undefined ? base : (deepMerge(base, over) as T));

type S1 = DeepReadonly<Stage1Config>;
type S2 = DeepReadonly<Stage2Config>;

/** lddm.stage1 of the paper profile (the reference's 128 px sizes), overridden. */
export const paperStage1 = (over?: Over<S1>): S1 => merged(profile('paper').lddm.stage1, over);

/** lddm.stage1 of the smoke profile, overridden. */
export const smokeStage1 = (over?: Over<S1>): S1 => merged(profile('smoke').lddm.stage1, over);

/** lddm.stage2 of the smoke profile, overridden. */
export const smokeStage2 = (over?: Over<S2>): S2 => merged(profile('smoke').lddm.stage2, over);

/** The paper profile's T and beta schedule (T 1000, linear 1e-4..0.02), overridden: NoiseSchedule's input. */
export const paperSchedule = (over: { timesteps?: number } & Over<S2['schedule']> = {}): Pick<S2, 'timesteps' | 'schedule'> => {
  const { timesteps, ...schedule } = over;
  const s2 = profile('paper').lddm.stage2;
  return { timesteps: timesteps ?? s2.timesteps, schedule: merged(s2.schedule, schedule) };
};

/** The paper profile's sampler section (DDPM, 50 DDIM steps, eta 0, even spacing, no clipping), overridden. */
export const paperSampler = (over?: Over<S2['sampler']>): S2['sampler'] => merged(profile('paper').lddm.stage2.sampler, over);

/** A clip of `frames` x `size`^2 x `channels`: the data section's fields the networks read. */
export const clip = (frames: number, size: number, channels: DataConfig['channels'] = 1): Pick<DataConfig, 'framesPerClip' | 'imageSize' | 'channels'> => ({ framesPerClip: frames, imageSize: size, channels });

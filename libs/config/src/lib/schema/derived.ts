// Shapes that follow from the profile's values. One place computes them so that the models,
// the validation and the reports agree.
import type { DeepReadonly } from '../merge';
import type { DataConfig } from './data';
import type { Stage1Config } from './lddm';

type S1 = DeepReadonly<Stage1Config>;
type Clip = Pick<DataConfig, 'framesPerClip' | 'imageSize'>;

const prod = (xs: readonly number[]) => xs.reduce((a, b) => a * b, 1);

/** Total temporal and spatial downsampling of the stage-1 encoder (stem x stages). */
export function encoderReduction(encoder: S1['encoder']): { t: number; s: number } {
  return { t: encoder.stemStride[0] * prod(encoder.strideT), s: encoder.stemStride[1] * prod(encoder.strideS) };
}

/** Encoder feature shape [T', H', W', C] for a clip of data.framesPerClip x imageSize^2. */
export function encoderOutputShape(
  stage1: Pick<S1, 'encoder'>,
  data: Clip,
): [number, number, number, number] {
  const r = encoderReduction(stage1.encoder);
  return [
    Math.ceil(data.framesPerClip / r.t),
    Math.ceil(data.imageSize / r.s),
    Math.ceil(data.imageSize / r.s),
    stage1.encoder.channels[4],
  ];
}

/** Shape of the latent z without the batch axis: [zDim] or [T/rt, H/rs, W/rs, channels]. */
export function latentShape(
  stage1: Pick<S1, 'encoder' | 'latent'>,
  data: Clip,
): number[] {
  if (stage1.latent.kind === 'vector') return [stage1.latent.zDim];
  const [t, h, w] = encoderOutputShape(stage1, data);
  return [t, h, w, stage1.latent.channels];
}

/** Number of scalars in z. */
export function latentSize(
  stage1: Pick<S1, 'encoder' | 'latent'>,
  data: Clip,
): number {
  return prod(latentShape(stage1, data));
}

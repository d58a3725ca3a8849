// What every Table 2 classifier is: a module from clips [B, T, H, W, C] (values in [-1, 1]) to
// logits [B, numClasses]. The base resizes frames to the model's inputSize (bilinear) when the
// data's size differs, sets train/eval mode from `training`, and leaves temporal sampling (which
// differs per model: C3D a window, TSM/TDN/ATMNet segments) to `forward`.
import { deepFreeze, type ClassifierId } from '@lddm/config';
import { Module } from '@lddm/nn';
import { Rng, tf, type RandomSource } from '@lddm/runtime';
import type { z } from 'zod';
import { resizeFrames } from '../input/resize-frames';

export interface ClassifierOptions {
  numClasses: number;
  /** Image channels of the clips (1 for gray ultrasound). */
  inChannels: number;
}

export abstract class VideoClassifier extends Module {
  abstract readonly kind: ClassifierId;
  /** Side of the square frames the network sees (the profile's inputSize). */
  abstract readonly inputSize: number;
  /** How the reference architecture was adapted to this task, recorded with every run. */
  abstract readonly adaptation: string;
  readonly numClasses: number;
  readonly inChannels: number;
  /** Random temporal offsets in training (segment sampling, window start); a stream of its own. */
  protected readonly samplingRng: Rng;

  constructor(source: RandomSource, options: ClassifierOptions) {
    super(source);
    for (const [what, v] of Object.entries(options)) {
      if (!Number.isInteger(v) || v < 1) throw new Error(`${this.label}: ${what} must be a positive integer, got ${v}`);
    }
    this.numClasses = options.numClasses;
    this.inChannels = options.inChannels;
    this.samplingRng = this.rng.child('temporal-sampling');
  }

  /** clips [B, T, H, W, C] -> logits [B, numClasses]. `training` turns on dropout and random sampling. */
  apply(clips: tf.Tensor5D, training: boolean): tf.Tensor2D {
    if (clips.rank !== 5 || clips.shape[4] !== this.inChannels) {
      throw new Error(`${this.label}: expected clips [B, T, H, W, ${this.inChannels}], got [${clips.shape.join(', ')}]`);
    }
    if (this.training !== training) this.train(training);
    return tf.tidy(() => this.forward(resizeFrames(clips, this.inputSize), training));
  }

  /** clips already at inputSize x inputSize. */
  protected abstract forward(clips: tf.Tensor5D, training: boolean): tf.Tensor2D;
}

/** Parses a model's profile section and freezes it (deeply) for the instance's `config`. */
export function frozenConfig<S extends z.ZodType>(schema: S, config: unknown): Readonly<z.output<S>> {
  const parsed = schema.parse(config);
  deepFreeze(parsed);
  return parsed;
}

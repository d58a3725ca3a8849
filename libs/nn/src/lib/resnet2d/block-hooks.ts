// Extension points of a residual block, so that video models add temporal modelling to a plain 2D
// ResNet without copying it (TSM wraps the branch input with its shift; TDN puts its long-term
// temporal difference module after conv1).
import type { Rng, tf } from '@lddm/runtime';
import type { Module } from '../module';

/** A module from features to features of the same shape, e.g. TDN's long-term TDM. */
export type FeatureStep = Module & { apply(x: tf.Tensor4D): tf.Tensor4D };

export interface BlockHooks {
  /** Applied to the residual branch's input before conv1; the shortcut sees the unchanged x (TSM). */
  branchInput?: (x: tf.Tensor4D) => tf.Tensor4D;
  /** Built as the block's child `temporal`, applied after conv1 -> norm -> ReLU (TDN). */
  afterConv1?: (rng: Rng, channels: number) => FeatureStep;
}

/** Where a block sits: stage 0 is ResNet's layer1. */
export interface BlockPlace {
  stage: number;
  index: number;
}

export type BlockHookFactory = (place: BlockPlace) => BlockHooks;

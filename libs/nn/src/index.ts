// @lddm/nn: the one small layer/module system every network in the monorepo is built from.
// Channels-last tensors throughout (NHWC, NDHWC) as tfjs computes them; tf comes from @lddm/runtime.
export { Module } from './lib/module';
export type { Build, Init } from './lib/module';
export { Layer, WeightedLayer } from './lib/layer';
export type { WeightInit } from './lib/layer';
export { Linear } from './lib/linear';
export type { LinearOptions } from './lib/linear';
export { Conv2d } from './lib/conv2d';
export type { Conv2dOptions } from './lib/conv2d';
export { Conv3d } from './lib/conv3d';
export type { Conv3dOptions } from './lib/conv3d';
export type { Padding } from './lib/padding';
export { GroupNorm, instanceNorm } from './lib/group-norm';
export type { GroupNormOptions } from './lib/group-norm';
export { SpectralNorm } from './lib/spectral-norm';
export type { SpectralNormOptions } from './lib/spectral-norm';
export { Upsample } from './lib/upsample';
export { MaxPool2d, AvgPool2d, MaxPool3d, AvgPool3d } from './lib/pool';
export type { PoolOptions } from './lib/pool';
export { Sequential } from './lib/sequential';
export type { Step } from './lib/sequential';
export { Activation, relu, leakyRelu, silu, gelu, tanh } from './lib/activations';
export type { ActivationFn } from './lib/activations';
export { Dropout } from './lib/dropout';
export { sinusoidalEmbedding } from './lib/sinusoidal-embedding';
export { gradientStep } from './lib/gradient-step';
export { loadState } from './lib/load-state';

// @lddm/cinn-baseline: the cINN baseline (Dorkenwald et al. 2021; docs/method.md "cINN baseline").
// A conditional invertible network on the stage-1 video latent, conditioned on the first frame
// through a ResNet encoder trained as a VAE; training helpers over plain arrays (no IO).
export type { FlowBlock, FlowOutput } from './lib/flow/flow-block';
export { ActNorm } from './lib/flow/act-norm';
export type { ActNormOptions } from './lib/flow/act-norm';
export { InvertibleLeakyRelu } from './lib/flow/invertible-leaky-relu';
export type { InvertibleLeakyReluOptions } from './lib/flow/invertible-leaky-relu';
export { CouplingMlp } from './lib/flow/coupling-mlp';
export type { CouplingMlpOptions } from './lib/flow/coupling-mlp';
export { DoubleAffineCoupling } from './lib/flow/double-affine-coupling';
export type { DoubleAffineCouplingOptions } from './lib/flow/double-affine-coupling';
export { FixedPermutation } from './lib/flow/fixed-permutation';
export type { FixedPermutationOptions } from './lib/flow/fixed-permutation';
export { FlowSequence } from './lib/flow/flow-sequence';
export type { FlowModule } from './lib/flow/flow-sequence';
export { ConditionalFlow } from './lib/flow/conditional-flow';
export type { ConditionalFlowConfig, FlowEncoding } from './lib/flow/conditional-flow';
export { ResNetImageEncoder, imageEncoderShapes } from './lib/encoder/resnet-image-encoder';
export type { ConditionPosterior, ImageData, ResNetImageEncoderConfig } from './lib/encoder/resnet-image-encoder';
export { ConditionImageDecoder, decoderLevels } from './lib/encoder/condition-image-decoder';
export type { ConditionImageDecoderConfig } from './lib/encoder/condition-image-decoder';
export { ConditionVae } from './lib/encoder/condition-vae';
export type { ConditionVaeConfig, ConditionVaeLoss } from './lib/encoder/condition-vae';
export { trainFlow } from './lib/training/train-flow';
export { trainConditionVae } from './lib/training/train-condition-vae';
export type { CinnTrainOptions } from './lib/training/cinn-training';
export { synthesizeWithCinn, type CinnSynthesisOptions } from './lib/cinn-synthesis';

// Entry of the SIMD kernel module (build: see README "Kernels in WebAssembly"). It has no
// memory of its own: it imports the tfjs wasm backend's memory and works on byte addresses of
// tensors there, so nothing is copied in or out.
export { channelMoments, channelDots, channelScale, channelAffine } from './group-norm';
export { adamUpdate } from './adam-update';
export { maxPool3dGrad } from './max-pool-grad';
export { transposeBlock } from './transpose';
export { resizeNearestGrad } from './resize-nearest-grad';

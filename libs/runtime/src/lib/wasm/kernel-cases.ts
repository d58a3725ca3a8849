// The cases of the kernel contract (kernel-contract.ts), one per op variant the replacements
// must get right: every branch of every replacement kernel is reached by at least one of them.
import { tf } from '../tf';
import type { KernelCase } from './kernel-contract';
import { groupNorm } from '../ops/group-norm';
import { adamUpdate } from '../ops/adam-update';
import { temporalShift } from '../ops/temporal-shift';


type Pad2 = 'same' | 'valid' | [[number, number], [number, number], [number, number], [number, number]];

function conv2dCase(x: number[], k: number[], strides: [number, number] | number, pad: Pad2): KernelCase {
  const padName = typeof pad === 'string' ? pad : JSON.stringify(pad.slice(1, 3));
  return {
    name: `conv2d x[${x}] k[${k}] s${strides} ${padName}`,
    inputs: [{ shape: x }, { shape: k }],
    op: (a, w) => tf.conv2d(a as tf.Tensor4D, w as tf.Tensor4D, strides, pad),
  };
}

function conv3dCase(x: number[], k: number[], strides: [number, number, number] | number, pad: 'same' | 'valid'): KernelCase {
  return {
    name: `conv3d x[${x}] k[${k}] s${strides} ${pad}`,
    inputs: [{ shape: x }, { shape: k }],
    op: (a, w) => tf.conv3d(a as tf.Tensor5D, w as tf.Tensor5D, strides, pad),
  };
}

function matMulCase(a: number[], b: number[], ta: boolean, tb: boolean): KernelCase {
  return {
    name: `matMul [${a}]${ta ? 'ᵀ' : ''} x [${b}]${tb ? 'ᵀ' : ''}`,
    inputs: [{ shape: a }, { shape: b }],
    op: (x, y) => tf.matMul(x, y, ta, tb),
  };
}

/** A copy of x that passes no gradient back. */
const noGradient = tf.customGrad((x) => ({ value: tf.clone(x as tf.Tensor), gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy) }));

/**
 * x with every element preceded, along the width axis, by a twin of equal value that passes no
 * gradient: max-pool windows with tied maxima whose gradients differ, so the tie rule shows.
 */
function withTwins(x: tf.Tensor): tf.Tensor {
  const w = x.rank - 2;
  const shape = x.shape.map((d, i) => (i === w ? 2 * d : d));
  return tf.reshape(tf.stack([noGradient(x), x], w + 1), shape);
}

export const KERNEL_CASES: KernelCase[] = [
  // conv2d: <= 8 input channels takes the im2col filter gradient, more takes the conv2d one.
  conv2dCase([2, 7, 6, 3], [3, 3, 3, 4], 1, 'same'),
  conv2dCase([2, 8, 7, 12], [3, 3, 12, 5], 1, 'valid'),
  conv2dCase([2, 9, 8, 12], [3, 3, 12, 4], 2, 'same'),
  conv2dCase([1, 9, 10, 2], [3, 3, 2, 3], 2, 'valid'),
  conv2dCase([2, 8, 8, 10], [3, 3, 10, 3], 2, 'valid'),
  conv2dCase([1, 6, 7, 10], [2, 3, 10, 3], 1, [[0, 0], [1, 2], [0, 1], [0, 0]]),
  conv2dCase([1, 7, 6, 3], [3, 2, 3, 2], 2, [[0, 0], [2, 0], [1, 1], [0, 0]]),
  conv2dCase([1, 11, 7, 9], [5, 3, 9, 4], [2, 1], 'same'),
  conv2dCase([1, 5, 6, 1], [4, 2, 1, 3], [1, 2], 'same'),
  conv2dCase([2, 4, 5, 16], [1, 1, 16, 6], 1, 'valid'),
  // conv3d, stride 1 and 2 in time and space, 1x1x1 and 3x3x3 filters.
  conv3dCase([2, 5, 6, 6, 2], [3, 3, 3, 2, 3], 1, 'same'),
  conv3dCase([1, 6, 7, 5, 1], [3, 3, 3, 1, 4], 1, 'valid'),
  conv3dCase([2, 3, 4, 4, 3], [1, 1, 1, 3, 2], 1, 'same'),
  conv3dCase([1, 5, 4, 4, 3], [1, 1, 1, 3, 2], 2, 'valid'),
  conv3dCase([1, 7, 8, 9, 2], [3, 3, 3, 2, 3], 2, 'same'),
  conv3dCase([2, 8, 6, 6, 3], [3, 3, 3, 3, 2], [2, 1, 1], 'valid'),
  conv3dCase([1, 4, 7, 6, 4], [2, 3, 1, 4, 3], [1, 2, 2], 'same'),
  conv3dCase([1, 4, 5, 5, 5], [3, 3, 3, 5, 2], [1, 2, 1], 'same'),
  // Large enough that the native filter gradient takes one GEMM per tap instead of stacking.
  conv3dCase([2, 8, 24, 24, 40], [3, 3, 3, 40, 4], 2, 'same'),
  conv3dCase([1, 6, 20, 20, 64], [3, 3, 3, 64, 3], 1, 'same'),
  // An I3D-like 7x7x7 stride-2 stem with many row chunks: one GEMM per tap (graph size bound).
  conv3dCase([2, 16, 40, 40, 3], [7, 7, 7, 3, 4], 2, 'same'),
  // Large enough for the native layer (>= 256 output positions, >= 2^20 multiply-adds; smaller
  // convolutions stay on XNNPACK): stride 1 and 2, a strided 1x1x1 projection shortcut (phases
  // that get no tap), a 7x7 stride-2 stem, a dilated conv2d (forward only: tfjs has no dilated
  // gradient).
  conv2dCase([2, 16, 16, 16], [3, 3, 16, 16], 1, 'same'),
  conv2dCase([2, 32, 31, 16], [3, 3, 16, 16], 2, 'same'),
  conv3dCase([2, 4, 16, 16, 8], [3, 3, 3, 8, 16], 1, 'same'),
  conv3dCase([2, 8, 16, 15, 8], [3, 3, 3, 8, 16], 2, 'same'),
  conv3dCase([2, 6, 16, 16, 32], [1, 1, 1, 32, 64], [1, 2, 2], 'same'),
  conv2dCase([2, 40, 40, 3], [7, 7, 3, 16], 2, 'same'),
  // Pointwise (1x1) convolutions: MatMuls over positions natively (strided: sliced first).
  conv3dCase([2, 4, 16, 16, 32], [1, 1, 1, 32, 48], 1, 'valid'),
  conv3dCase([2, 8, 16, 16, 32], [1, 1, 1, 32, 48], 2, 'valid'),
  conv2dCase([4, 24, 24, 32], [1, 1, 32, 40], 1, 'same'),
  {
    name: 'conv2d dilated 2',
    inputs: [{ shape: [2, 20, 20, 16] }, { shape: [3, 3, 16, 16] }],
    op: (a, w) => tf.conv2d(a as tf.Tensor4D, w as tf.Tensor4D, 1, 'same', 'NHWC', 2),
    gradients: false,
  },
  // matMul: the four transpose combinations, batched, broadcast batches.
  matMulCase([5, 7], [7, 4], false, false),
  matMulCase([5, 7], [4, 7], false, true),
  matMulCase([7, 5], [7, 4], true, false),
  matMulCase([7, 5], [4, 7], true, true),
  matMulCase([3, 5, 7], [3, 7, 4], false, false),
  matMulCase([3, 7, 5], [3, 4, 7], true, true),
  // Large enough for the native layer (which leaves tiny products to XNNPACK).
  matMulCase([70, 65], [65, 80], false, false),
  matMulCase([65, 70], [80, 65], true, true),
  matMulCase([4, 30, 50], [4, 60, 50], false, true),
  matMulCase([4, 50, 30], [4, 60, 50], true, true),
  {
    name: 'fused matMul + bias + leakyrelu (native size)',
    inputs: [{ shape: [64, 70] }, { shape: [70, 80] }, { shape: [80] }],
    op: (a, b, bias) => tf.fused.matMul({ a, b, bias, activation: 'leakyrelu', leakyreluAlpha: 0.1 }),
  },
  {
    name: 'fused matMul + bias + sigmoid, batched (native size)',
    inputs: [{ shape: [3, 40, 70] }, { shape: [3, 70, 50] }, { shape: [50] }],
    op: (a, b, bias) => tf.fused.matMul({ a, b, bias, activation: 'sigmoid' }),
  },
  // Broadcast batches: tfjs has no gradient for them (on any backend), and cpu computes
  // [2,1] x [3] batches wrongly, so that one is checked against explicitly tiled operands.
  { ...matMulCase([2, 3, 5, 7], [7, 4], false, false), gradients: false },
  { ...matMulCase([5, 7], [3, 7, 4], false, false), gradients: false },
  {
    ...matMulCase([2, 1, 5, 7], [3, 4, 7], false, true),
    gradients: false,
    reference: (a, b) => tf.matMul(tf.tile(a, [1, 3, 1, 1]), tf.tile(tf.reshape(b, [1, 3, 4, 7]), [2, 1, 1, 1]), false, true),
  },
  {
    name: 'fused matMul + bias + relu',
    inputs: [{ shape: [6, 5] }, { shape: [5, 4] }, { shape: [4] }],
    op: (a, b, bias) => tf.fused.matMul({ a, b, bias, activation: 'relu' }),
  },
  // slice, split, concat on ranks 1-5 (float, with gradients; int32, forward).
  ...[[10], [6, 5], [4, 5, 6], [3, 4, 5, 6], [3, 4, 3, 5, 6]].flatMap((shape): KernelCase[] => {
    const r = shape.length;
    const begin = shape.map((d, i) => (i % 2 === 0 ? 1 : 0) * Math.min(1, d - 1));
    const size = shape.map((d, i) => (i === r - 1 ? -1 : d - begin[i] - (i % 2)));
    const axis = r - 1 - (r > 1 ? 1 : 0);
    const sizes = [1, shape[axis] - 3, 2];
    return [
      { name: `slice rank ${r}`, inputs: [{ shape }], op: (x) => tf.slice(x, begin, size) },
      { name: `slice rank ${r} int32`, inputs: [{ shape, dtype: 'int32' }], op: (x) => tf.slice(x, begin, size) },
      {
        name: `split rank ${r} axis ${axis}`,
        inputs: [{ shape }],
        op: (x) => tf.concat(tf.split(x, sizes, axis).map((p, i) => tf.mul(p, i + 1)), axis),
      },
      {
        name: `concat rank ${r} along every axis`,
        inputs: [{ shape }, { shape }],
        op: (a, b) => tf.stack(shape.map((_, ax) => tf.sum(tf.concat([a, tf.mul(b, 2), a], ax)))),
      },
      { name: `concat rank ${r} int32`, inputs: [{ shape, dtype: 'int32' }, { shape, dtype: 'int32' }], op: (a, b) => tf.concat([a, b], r - 1) },
    ];
  }),
  { name: 'concat last axis, one channel each', inputs: [{ shape: [2, 3, 4, 5, 1] }, { shape: [2, 3, 4, 5, 1] }], op: (a, b) => tf.concat([a, b, a], 4) },
  // nearest resize (its gradient is the replaced kernel): 2x as TDN, a non-integer scale, align
  // corners, odd channels. Batch 1: the cpu backend's gradient offsets dy by the input's batch
  // stride, wrong for batch > 1 (resize-nearest-neighbor-grad.spec.ts checks batches another way).
  ...(
    [
      [[1, 4, 5, 8], [8, 10], false],
      [[1, 5, 7, 3], [8, 9], false],
      [[1, 4, 5, 6], [7, 9], true],
      [[1, 6, 6, 4], [3, 4], false],
    ] as const
  ).map(([shape, size, align]): KernelCase => ({
    name: `resizeNearestNeighbor [${shape}] to [${size}]${align ? ' align corners' : ''}`,
    inputs: [{ shape: [...shape] }],
    op: (x) => tf.image.resizeNearestNeighbor(x as tf.Tensor4D, [size[0], size[1]], align),
  })),
  // transpose, ranks 2-5, with size-1 axes and axes that stay adjacent.
  ...(
    [
      [[6, 7], [1, 0]],
      [[4, 5, 6], [2, 0, 1]],
      [[4, 5, 6], [1, 0, 2]],
      [[3, 4, 5, 6], [3, 1, 2, 0]],
      [[3, 4, 5, 6], [1, 2, 0, 3]],
      [[2, 3, 1, 5, 4], [4, 0, 1, 2, 3]],
      [[2, 3, 4, 5, 6], [2, 0, 1, 3, 4]],
      [[2, 3, 4, 5, 6], [0, 1, 2, 3, 4]],
      [[40, 70], [1, 0]],
      // The SIMD block path (>= 256 elements per block): 4 x 4 register blocks plus odd edges,
      // and TDN's [N, T, H, W, 1] -> [N, H, W, T, 1].
      [[3, 37, 70], [0, 2, 1]],
      [[2, 4, 9, 9, 1], [0, 2, 3, 1, 4]],
      [[66, 35], [1, 0]],
    ] as const
  ).flatMap(([shape, perm]): KernelCase[] => [
    { name: `transpose [${shape}] by [${perm}]`, inputs: [{ shape: [...shape] }], op: (x) => tf.transpose(x, [...perm]) },
    { name: `transpose [${shape}] by [${perm}] int32`, inputs: [{ shape: [...shape], dtype: 'int32' }], op: (x) => tf.transpose(x, [...perm]) },
  ]),
  // group norm: fused on wasm, composed from tfjs ops on cpu (the reference).
  {
    name: 'groupNorm rank 5, 4 groups, affine',
    inputs: [{ shape: [2, 3, 4, 5, 8] }, { shape: [8] }, { shape: [8] }],
    op: (x, g, b) => tf.square(groupNorm(x, { groups: 4, eps: 1e-5, gamma: g as tf.Tensor1D, beta: b as tf.Tensor1D })),
  },
  {
    name: 'groupNorm rank 5, instance norm (groups = C), no affine',
    inputs: [{ shape: [2, 3, 4, 4, 6] }],
    op: (x) => tf.square(groupNorm(tf.add(x, 3), { groups: 6, eps: 1e-5 })),
  },
  {
    name: 'groupNorm rank 4, one group, affine',
    inputs: [{ shape: [3, 5, 4, 6] }, { shape: [6] }, { shape: [6] }],
    op: (x, g, b) => tf.mul(groupNorm(x, { groups: 1, eps: 1e-3, gamma: g as tf.Tensor1D, beta: b as tf.Tensor1D }), tf.range(0, 6)),
  },
  {
    name: 'groupNorm rank 4, C=12 in 3 groups, several position blocks, odd positions',
    inputs: [{ shape: [2, 15, 13, 12] }, { shape: [12] }, { shape: [12] }],
    op: (x, g, b) => tf.square(groupNorm(tf.add(x, 0.5), { groups: 3, eps: 1e-5, gamma: g as tf.Tensor1D, beta: b as tf.Tensor1D })),
  },
  {
    name: 'groupNorm rank 3, C=10 in 5 groups (channels past the last four), affine',
    inputs: [{ shape: [3, 37, 10] }, { shape: [10] }, { shape: [10] }],
    op: (x, g, b) => tf.mul(groupNorm(x, { groups: 5, eps: 1e-5, gamma: g as tf.Tensor1D, beta: b as tf.Tensor1D }), tf.range(1, 11)),
  },
  // 2-D max-pool gradient (the 3-D kernel at depth 1): a ResNet stem pool, and ties after a ReLU.
  { name: 'temporal shift, 2 clips x 4 frames, 10 channels, fold 2', inputs: [{ shape: [8, 3, 2, 10] }], op: (x) => temporalShift(x, 4, 2) },
  { name: 'temporal shift, rank 3, 3 frames, fold 1 of 2 channels', inputs: [{ shape: [3, 5, 2] }], op: (x) => temporalShift(x, 3, 1) },
  {
    name: 'temporal shift, second-order gradient',
    inputs: [{ shape: [6, 2, 2, 4] }],
    op: (x) => tf.grad((y: tf.Tensor) => tf.sum(tf.mul(temporalShift(y, 3, 1), x)))(tf.square(x)),
  },
  { name: 'pad rank 4, uneven', inputs: [{ shape: [2, 5, 4, 3] }], op: (x) => tf.pad(x, [[0, 0], [1, 2], [0, 1], [0, 0]]) },
  { name: 'pad rank 5 with a constant', inputs: [{ shape: [2, 3, 4, 4, 2] }], op: (x) => tf.pad(x, [[0, 0], [2, 0], [1, 1], [0, 0], [0, 3]], 0.5) },
  { name: 'pad int32', inputs: [{ shape: [3, 4], dtype: 'int32' }], op: (x) => tf.pad(x, [[1, 1], [2, 0]], 7) },
  { name: 'maxPool 3x3 s2 same', inputs: [{ shape: [2, 9, 8, 3] }], op: (x) => tf.maxPool(x as tf.Tensor4D, 3, 2, 'same') },
  { name: 'maxPool 2x2 s2 valid after relu (ties)', inputs: [{ shape: [2, 6, 6, 3] }], op: (x) => tf.maxPool(tf.relu(tf.sub(x, 0.6)) as tf.Tensor4D, 2, 2, 'valid') },
  { name: 'maxPool 3x3 s2 valid, C=8', inputs: [{ shape: [2, 9, 9, 8] }], op: (x) => tf.maxPool(x as tf.Tensor4D, 3, 2, 'valid') },
  // Ties with distinct gradients: the LAST maximum takes dy (the 3-D rule, also the stock wasm
  // kernel's), so cpu's 3-D pool is the reference; cpu's 2-D gradient would take the first.
  {
    name: 'maxPool 3x3 s2 same, C=6, tied maxima: last one wins',
    inputs: [{ shape: [2, 5, 3, 6] }],
    op: (x) => tf.maxPool(withTwins(x) as tf.Tensor4D, 3, 2, 'same'),
    reference: (x) => {
      const t = withTwins(x);
      const y = tf.maxPool3d(tf.expandDims(t, 1) as tf.Tensor5D, [1, 3, 3], [1, 2, 2], 'same');
      return tf.squeeze(y, [1]);
    },
  },
  { name: 'maxPool 3x3 s1 pad 1 (stock)', inputs: [{ shape: [1, 5, 5, 2] }], op: (x) => tf.maxPool(x as tf.Tensor4D, 3, 1, 1) },
  // gather: frames of a batch (axis 0), an inner axis, int32 data, a repeated index. Forward
  // only: its gradient (UnsortedSegmentSum) has no wasm kernel, stock or ours.
  { name: 'gather axis 0 (frames)', inputs: [{ shape: [6, 3, 4, 2] }], op: (x) => tf.gather(x, tf.tensor1d([5, 0, 2, 2], 'int32')), gradients: false },
  { name: 'gather axis 2', inputs: [{ shape: [2, 3, 5, 4] }], op: (x) => tf.gather(x, tf.tensor1d([4, 1], 'int32'), 2), gradients: false },
  { name: 'gather int32, 2-D indices', inputs: [{ shape: [5, 3], dtype: 'int32' }], op: (x) => tf.gather(x, tf.tensor2d([[0, 4], [3, 3]], [2, 2], 'int32')) },
  // Adam / AdamW / AMSGrad update: fused on wasm, tfjs ops on cpu (every output compared).
  ...([['l2', 0.01, false], ['decoupled', 0.1, true]] as const).map(([decay, weightDecay, ams]): KernelCase => ({
    name: `adam update, ${decay} decay${ams ? ', amsgrad' : ''}`,
    inputs: [{ shape: [5, 7] }, { shape: [5, 7] }, { shape: [5, 7] }, { shape: [5, 7] }, { shape: [5, 7] }],
    gradients: false,
    op: (w, g, m, v, vmax) => {
      const sq = (t: tf.Tensor) => tf.mul(t, t); // second moments are non-negative
      const out = adamUpdate({ w, m, v: sq(v), vmax: ams ? tf.add(sq(vmax), 0.1) : undefined }, g, { lr: 1e-2, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay, decay, step: 3 });
      return tf.stack([out.w, out.m, out.v, out.vmax ?? out.v]);
    },
  })),
  // LeakyReLU: its gradient is one wasm kernel (and differentiable again: the second case takes
  // the gradient of a function of the first-order gradient).
  { name: 'leakyRelu 0.2', inputs: [{ shape: [3, 4, 5, 6] }], op: (x) => tf.leakyRelu(x, 0.2) },
  {
    name: 'leakyRelu gradient of a gradient',
    inputs: [{ shape: [4, 7] }, { shape: [4, 7] }],
    op: (x, w) => {
      const g = tf.grad((xx: tf.Tensor) => tf.sum(tf.mul(tf.leakyRelu(xx, 0.1), w)));
      return tf.mul(g(x), w);
    },
    // leaky'(x) w^2 written out (cpu has no second-order gradient through Greater).
    reference: (x, w) => tf.mul(tf.add(0.1, tf.mul(0.9, tf.step(x))), tf.mul(w, w)),
  },
  // identity (clone) shares the block: the value must survive disposing the source.
  { name: 'clone then square', inputs: [{ shape: [3, 4, 5] }], op: (x) => tf.square(tf.clone(x)) },
  // sum over rank-5 axes (bias gradients and others).
  { name: 'sum rank 5 over [0,1,2,3]', inputs: [{ shape: [2, 3, 4, 5, 6] }], op: (x) => tf.sum(x, [0, 1, 2, 3]) },
  { name: 'sum rank 5 over [1,3] keepDims', inputs: [{ shape: [2, 3, 4, 5, 6] }], op: (x) => tf.sum(x, [1, 3], true) },
  { name: 'sum rank 5 over [0,4]', inputs: [{ shape: [2, 3, 4, 5, 6] }], op: (x) => tf.sum(x, [0, 4]) },
  { name: 'sum rank 5 over [3,4] (innermost, stock)', inputs: [{ shape: [2, 3, 4, 5, 6] }], op: (x) => tf.sum(x, [3, 4]) },
  // Large enough for the native ReduceSum (>= 2^15 elements): a bias gradient, inner axes, all.
  { name: 'sum [4,8,16,16,8] over [0,1,2,3] (native)', inputs: [{ shape: [4, 8, 16, 16, 8] }], op: (x) => tf.sum(x, [0, 1, 2, 3]) },
  { name: 'sum [4,8,16,16,8] over [2,3] keepDims (native)', inputs: [{ shape: [4, 8, 16, 16, 8] }], op: (x) => tf.sum(x, [2, 3], true) },
  { name: 'sum [64,1024] over everything (native)', inputs: [{ shape: [64, 1024] }], op: (x) => tf.sum(x) },
  { name: 'sum rank 5 int32 over [0,2]', inputs: [{ shape: [2, 3, 4, 5, 6], dtype: 'int32' }], op: (x) => tf.sum(x, [0, 2]) },
  // bias add on a rank-5 activation (its gradient is a Sum over all but the channel axis).
  { name: 'bias add rank 5', inputs: [{ shape: [2, 3, 4, 5, 6] }, { shape: [6] }], op: (x, b) => tf.square(tf.add(x, b)) },
  // max-pool 3-D and its gradient; after a ReLU, windows of zeros test the tie rule.
  { name: 'maxPool3d 2x2x2 s2 valid', inputs: [{ shape: [2, 4, 6, 6, 3] }], op: (x) => tf.maxPool3d(x as tf.Tensor5D, 2, 2, 'valid') },
  { name: 'maxPool3d 3x3x3 s2 same', inputs: [{ shape: [1, 5, 7, 6, 4] }], op: (x) => tf.maxPool3d(x as tf.Tensor5D, 3, 2, 'same') },
  { name: 'maxPool3d [1,2,2] s[1,2,2]', inputs: [{ shape: [2, 3, 4, 4, 2] }], op: (x) => tf.maxPool3d(x as tf.Tensor5D, [1, 2, 2], [1, 2, 2], 'valid') },
  { name: 'maxPool3d [2,3,3] s1 same', inputs: [{ shape: [1, 4, 5, 5, 2] }], op: (x) => tf.maxPool3d(x as tf.Tensor5D, [2, 3, 3], 1, 'same') },
  {
    name: 'maxPool3d after relu (ties)',
    inputs: [{ shape: [2, 4, 4, 4, 3] }],
    op: (x) => tf.maxPool3d(tf.relu(tf.sub(x, 0.6)) as tf.Tensor5D, 2, 2, 'valid'),
  },
  { name: 'maxPool3d 2x2x2 s2 valid, C=8, trailing slices outside every window', inputs: [{ shape: [1, 5, 5, 4, 8] }], op: (x) => tf.maxPool3d(x as tf.Tensor5D, 2, 2, 'valid') },
  {
    name: 'maxPool3d 2x2x2 s2 valid, C=6, tied maxima: last one wins',
    inputs: [{ shape: [1, 4, 3, 3, 6] }],
    op: (x) => tf.maxPool3d(withTwins(x) as tf.Tensor5D, 2, 2, 'valid'),
  },
  {
    name: 'maxPool3d 3x3x3 s2 same, C=4, tied maxima in clipped windows',
    inputs: [{ shape: [1, 3, 5, 3, 4] }],
    op: (x) => tf.maxPool3d(withTwins(x) as tf.Tensor5D, 3, 2, 'same'),
  },
];

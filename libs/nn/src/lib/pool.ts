// Max and average pooling, thin wrappers over tf.maxPool / avgPool (2D, NHWC) and
// tf.maxPool3d / avgPool3d (3D, NDHWC). Explicit symmetric padding pads with -inf for max
// (padding never wins) and with 0 for average (PyTorch's count_include_pad = True).
import { tf } from '@lddm/runtime';
import { checkInput, perAxis } from './checks';
import { Module } from './module';
import { padSpatial, resolvePadding, type Padding, type ResolvedPadding } from './padding';

export interface PoolOptions<K> {
  kernel: number | K;
  /** Default: the kernel size, as PyTorch. */
  stride?: number | K;
  /** Default 'valid'. */
  padding?: Padding;
}

abstract class Pool extends Module {
  protected readonly kernel: number[];
  protected readonly stride: number[];
  protected readonly pad: ResolvedPadding;

  constructor(axes: number, options: PoolOptions<readonly number[]>) {
    super();
    this.kernel = perAxis(this.label, 'kernel', options.kernel, axes);
    this.stride = perAxis(this.label, 'stride', options.stride ?? options.kernel, axes);
    if ([...this.kernel, ...this.stride].some((k) => k < 1)) throw new Error(`${this.label}: kernel and stride must be positive`);
    this.pad = resolvePadding(this.label, options.padding ?? 'valid', axes);
  }
}

const pair = (a: number[]): [number, number] => [a[0], a[1]];
const triple = (a: number[]): [number, number, number] => [a[0], a[1], a[2]];

export class MaxPool2d extends Pool {
  constructor(options: PoolOptions<readonly [number, number]>) {
    super(2, options);
  }
  apply(x: tf.Tensor4D): tf.Tensor4D {
    checkInput(this.label, x, 4, '[N, H, W, C]');
    return tf.tidy(() => tf.maxPool(padSpatial(x, this.pad.explicit, -Infinity), pair(this.kernel), pair(this.stride), this.pad.mode));
  }
}

export class AvgPool2d extends Pool {
  constructor(options: PoolOptions<readonly [number, number]>) {
    super(2, options);
  }
  apply(x: tf.Tensor4D): tf.Tensor4D {
    checkInput(this.label, x, 4, '[N, H, W, C]');
    return tf.tidy(() => tf.avgPool(padSpatial(x, this.pad.explicit, 0), pair(this.kernel), pair(this.stride), this.pad.mode));
  }
}

export class MaxPool3d extends Pool {
  constructor(options: PoolOptions<readonly [number, number, number]>) {
    super(3, options);
  }
  apply(x: tf.Tensor5D): tf.Tensor5D {
    checkInput(this.label, x, 5, '[N, D, H, W, C]');
    return tf.tidy(() => tf.maxPool3d(padSpatial(x, this.pad.explicit, -Infinity), triple(this.kernel), triple(this.stride), this.pad.mode));
  }
}

export class AvgPool3d extends Pool {
  constructor(options: PoolOptions<readonly [number, number, number]>) {
    super(3, options);
  }
  apply(x: tf.Tensor5D): tf.Tensor5D {
    checkInput(this.label, x, 5, '[N, D, H, W, C]');
    return tf.tidy(() => tf.avgPool3d(padSpatial(x, this.pad.explicit, 0), triple(this.kernel), triple(this.stride), this.pad.mode));
  }
}

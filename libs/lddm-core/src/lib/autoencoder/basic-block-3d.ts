// The 3D ResNet BasicBlock (He et al. 2016; Hara et al. 2018) as the cINN reference builds it:
//   out = ReLU( GN(conv3(ReLU(GN(conv3(x, stride))))) + shortcut(x) ),
// convolutions 3x3x3 without bias, GroupNorm instead of BatchNorm. The shortcut is the identity,
// or, when the stride or the channel count changes, conv(k, stride) + GN with k = 3 in the
// reference (docs/method.md) and k = 1 in the classic ResNet-18 ("type B" shortcut).
import { tf, type RandomSource } from '@lddm/runtime';
import { Conv3d, GroupNorm, Layer, relu } from '@lddm/nn';

export interface BasicBlock3dOptions {
  inChannels: number;
  outChannels: number;
  /** Stride of the first conv and of the shortcut, [time, height, width]. */
  stride: readonly [number, number, number];
  /** GroupNorm groups; must divide outChannels. */
  groups: number;
  /** Kernel of the projection shortcut: 3 (reference) or 1 (classic ResNet-18): the profile's encoder.shortcutKernel. */
  shortcutKernel: 1 | 3;
  /** Fused GroupNorm kernels (default true); false where R1 differentiates the block twice. */
  fusedNorm?: boolean;
}

export class BasicBlock3D extends Layer<tf.Tensor5D, tf.Tensor5D> {
  readonly conv1: Conv3d;
  readonly norm1: GroupNorm;
  readonly conv2: Conv3d;
  readonly norm2: GroupNorm;
  /** Undefined when the shortcut is the identity. */
  readonly shortcut: { conv: Conv3d; norm: GroupNorm } | undefined;

  constructor(source: RandomSource, options: BasicBlock3dOptions) {
    super(source);
    const { inChannels, outChannels, stride, groups } = options;
    const k = options.shortcutKernel;
    const fused = options.fusedNorm ?? true;
    this.conv1 = this.addModule('conv1', (rng) => new Conv3d(rng, { inChannels, outChannels, kernel: 3, stride, padding: 1, bias: false }));
    this.norm1 = this.addModule('norm1', new GroupNorm({ channels: outChannels, groups, fused }));
    this.conv2 = this.addModule('conv2', (rng) => new Conv3d(rng, { inChannels: outChannels, outChannels, kernel: 3, padding: 1, bias: false }));
    this.norm2 = this.addModule('norm2', new GroupNorm({ channels: outChannels, groups, fused }));
    const projects = inChannels !== outChannels || stride.some((s) => s !== 1);
    this.shortcut = projects
      ? {
          conv: this.addModule('downsample', (rng) => new Conv3d(rng, { inChannels, outChannels, kernel: k, stride, padding: (k - 1) / 2, bias: false })),
          norm: this.addModule('downsampleNorm', new GroupNorm({ channels: outChannels, groups, fused })),
        }
      : undefined;
  }

  apply(x: tf.Tensor5D): tf.Tensor5D {
    return tf.tidy(() => {
      const h = relu(this.norm1.apply(this.conv1.apply(x)));
      const dx = this.norm2.apply(this.conv2.apply(h));
      const skip = this.shortcut === undefined ? x : this.shortcut.norm.apply(this.shortcut.conv.apply(x));
      return relu(tf.add<tf.Tensor5D>(skip, dx));
    });
  }
}

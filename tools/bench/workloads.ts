// What the benchmark times. Shapes follow RUNTIME.md: conv2d 16x56x56, 64->64, 3x3; conv3d
// 4x8x32x32, 32->64, 3x3x3; matmul 1024^3; and one training step of a C3D-like net. A forward
// + backward pass counts as 3x the forward FLOPs. Two stage-2 sampling steps compare encoding x0
// at every denoiser call with encoding it once.
import { tf } from '@lddm/runtime';
import { c3dErrorAgainstCpu, c3dStep } from './c3d';
import { errorAgainstCpu } from './check';
import { ddpmStep } from './ddpm-step';
import type { Prepared } from './types';

export type Pass = 'fwd' | 'fwd+bwd' | 'step';

export interface Workload {
  id: string;
  op: 'conv2d' | 'conv3d' | 'matmul' | 'c3d' | 'ddpm';
  pass: Pass;
  label: string;
  /** FLOPs of one repetition (undefined for the training step, reported in ms). */
  flops?: number;
  prepare(): Prepared;
  /** The same computation on small shapes, for a correctness check against cpu. */
  check?: () => Promise<number>;
}

const seeded = (shape: number[], seed: number) => tf.randomUniform(shape, -1, 1, 'float32', seed);

function opWorkloads(
  op: 'conv2d' | 'conv3d' | 'matmul', label: string, shapes: [number[], number[]], fwdFlops: number,
  small: [number[], number[]], f: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor,
): Workload[] {
  const make = (pass: 'fwd' | 'fwd+bwd'): Workload => ({
    id: `${op}-${pass}`,
    op,
    pass,
    label,
    flops: pass === 'fwd' ? fwdFlops : 3 * fwdFlops,
    check: () => errorAgainstCpu(f, small, pass === 'fwd+bwd'),
    prepare() {
      const a = seeded(shapes[0], 1);
      const b = seeded(shapes[1], 2);
      const dy = tf.tidy(() => seeded(f(a, b).shape, 3));
      const grads = tf.grads(f);
      return {
        run() {
          if (pass === 'fwd') {
            const y = f(a, b);
            y.dataSync();
            y.dispose();
          } else {
            const [da, db] = grads([a, b], dy);
            da.dataSync();
            db.dataSync();
            tf.dispose([da, db]);
          }
        },
        dispose: () => tf.dispose([a, b, dy]),
      };
    },
  });
  return [make('fwd'), make('fwd+bwd')];
}

const conv2dFlops = 2 * 16 * 56 * 56 * 64 * 64 * 3 * 3;
const conv3dFlops = 2 * 4 * 8 * 32 * 32 * 64 * 32 * 27;
const matmulFlops = 2 * 1024 ** 3;

export const WORKLOADS: readonly Workload[] = [
  ...opWorkloads('conv2d', '16x56x56 64->64 3x3', [[16, 56, 56, 64], [3, 3, 64, 64]], conv2dFlops, [[2, 9, 9, 16], [3, 3, 16, 8]], (x, w) =>
    tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, 'same'),
  ),
  ...opWorkloads('conv3d', '4x8x32x32 32->64 3x3x3', [[4, 8, 32, 32, 32], [3, 3, 3, 32, 64]], conv3dFlops, [[2, 4, 6, 6, 8], [3, 3, 3, 8, 4]], (x, w) =>
    tf.conv3d(x as tf.Tensor5D, w as tf.Tensor5D, 1, 'same'),
  ),
  ...opWorkloads('matmul', '1024 x 1024 x 1024', [[1024, 1024], [1024, 1024]], matmulFlops, [[33, 17], [17, 9]], (a, b) =>
    tf.matMul(a, b),
  ),
  {
    id: 'c3d-step',
    op: 'c3d',
    pass: 'step',
    label: 'C3D-like, batch 8x16x64x64x1, fwd+bwd+Adam',
    prepare: () => c3dStep({ batch: 8, frames: 16, size: 64, widths: [16, 32, 64, 128], classes: 10 }),
    check: c3dErrorAgainstCpu,
  },
  {
    id: 'ddpm-step-encode',
    op: 'ddpm',
    pass: 'step',
    label: '10 steps of the cpu-profile denoiser, batch 8, x0 encoded at each',
    prepare: () => ddpmStep('encode-per-step'),
  },
  {
    id: 'ddpm-step-cached',
    op: 'ddpm',
    pass: 'step',
    label: '10 steps of the cpu-profile denoiser, batch 8, x0 encoded once',
    prepare: () => ddpmStep('encoded-once'),
  },
];

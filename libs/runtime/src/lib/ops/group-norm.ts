// Group normalisation (Wu & He 2018) over channels-last [N, ..., C]: statistics per sample and
// per group of C/G channels over all spatial positions, then an optional per-channel affine.
// On wasm it is one fused kernel forward and one backward (wasm/group-norm.ts); elsewhere, and
// wherever a gradient of its gradient is needed (R1), the same maths from tfjs ops.
import { tf } from '../tf';
import { GROUP_NORM, GROUP_NORM_GRAD } from '../wasm/group-norm';

export interface GroupNormArgs {
  groups: number;
  /** Added to the variance (PyTorch: 1e-5). */
  eps: number;
  gamma?: tf.Tensor1D;
  beta?: tf.Tensor1D;
  /**
   * false: compose from tfjs ops even on wasm, so that the gradient is itself differentiable
   * (a gradient of a gradient, as the R1 penalty takes through a discriminator).
   */
  fused?: boolean;
}

/** The same normalisation from tfjs ops (differentiable to any order). */
export function groupNormComposite<T extends tf.Tensor>(x: T, { groups, eps, gamma, beta }: GroupNormArgs): T {
  return tf.tidy(() => {
    const n = x.shape[0];
    const c = x.shape[x.rank - 1];
    const perGroup = c / groups;
    const grouped = tf.reshape(x, [n, -1, groups, perGroup]);
    const { mean, variance } = tf.moments(grouped, [1, 3], true);
    // One scale and one shift per (sample, channel), so the full-size tensor sees one multiply
    // and one add.
    const toChannels = (s: tf.Tensor): tf.Tensor => {
      const perChannel = tf.reshape(tf.tile(s, [1, 1, 1, perGroup]), [n, c]);
      return tf.reshape(perChannel, [n, ...Array.from({ length: x.rank - 2 }, () => 1), c]);
    };
    let scale = tf.rsqrt(tf.add(variance, eps));
    let shift = tf.neg(tf.mul(mean, scale));
    scale = toChannels(scale);
    shift = toChannels(shift);
    if (gamma !== undefined) {
      scale = tf.mul(scale, gamma);
      shift = tf.mul(shift, gamma);
    }
    if (beta !== undefined) shift = tf.add(shift, beta);
    return tf.add<T>(tf.mul(x, scale), shift);
  });
}

function runFused(x: tf.Tensor, groups: number, eps: number, gamma?: tf.Tensor, beta?: tf.Tensor): tf.Tensor[] {
  const inputs: tf.NamedTensorMap = { x };
  if (gamma !== undefined) inputs['gamma'] = gamma;
  if (beta !== undefined) inputs['beta'] = beta;
  return tf.engine().runKernel(GROUP_NORM, inputs, { groups, eps }) as tf.Tensor[];
}

function runFusedGrad(dy: tf.Tensor, x: tf.Tensor, mean: tf.Tensor, rstd: tf.Tensor, groups: number, gamma?: tf.Tensor): tf.Tensor[] {
  const inputs: tf.NamedTensorMap = { dy, x, mean, rstd };
  if (gamma !== undefined) inputs['gamma'] = gamma;
  return tf.engine().runKernel(GROUP_NORM_GRAD, inputs, { groups }) as tf.Tensor[];
}

type Forward = (inputs: tf.Tensor[], save: tf.GradSaveFunc) => { value: tf.Tensor; gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.Tensor | tf.Tensor[] };

/** tf.customGrad with its (tensors..., save) arguments split apart and checked. */
function customOp(forward: Forward): (...inputs: tf.Tensor[]) => tf.Tensor {
  return tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const save = args[args.length - 1];
    const tensors = args.slice(0, -1).filter((a): a is tf.Tensor => a instanceof tf.Tensor);
    if (typeof save !== 'function' || tensors.length !== args.length - 1) throw new Error('groupNorm: unexpected tf.customGrad arguments');
    return forward(tensors, save);
  });
}

export function groupNorm<T extends tf.Tensor>(x: T, args: GroupNormArgs): T {
  const c = x.shape[x.rank - 1];
  if (x.rank < 3 || c % args.groups !== 0) {
    throw new Error(`groupNorm: expected [N, ..., C] with C divisible by ${args.groups} groups, got [${x.shape.join(', ')}]`);
  }
  if (args.fused === false || tf.getBackend() !== 'wasm' || x.dtype !== 'float32') return groupNormComposite(x, args);
  const { groups, eps, gamma, beta } = args;
  // tf.customGrad wants every input a tensor: one variant per affine case.
  if (gamma !== undefined && beta !== undefined) {
    const f = customOp(([xi, g, b], save) => {
      const [y, mean, rstd] = runFused(xi, groups, eps, g, b);
      save([xi, g, mean, rstd]);
      return {
        value: y,
        gradFunc: (dy, [sx, sg, sm, sr]) => runFusedGrad(dy, sx, sm, sr, groups, sg),
      };
    });
    return f(x, gamma, beta) as T;
  }
  if (gamma !== undefined || beta !== undefined) return groupNormComposite(x, args);
  const f = customOp(([xi], save) => {
    const [y, mean, rstd] = runFused(xi, groups, eps);
    save([xi, mean, rstd]);
    return {
      value: y,
      gradFunc: (dy, [sx, sm, sr]) => {
        const [dx, dgamma, dbeta] = runFusedGrad(dy, sx, sm, sr, groups);
        dgamma.dispose();
        dbeta.dispose();
        return dx;
      },
    };
  });
  return f(x) as T;
}

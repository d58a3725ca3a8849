// Gradients tfjs does not register but a gradient *of a gradient* needs, e.g. the R1 penalty
// (Mescheder et al. 2018), which differentiates ||grad_x D(x)||^2 w.r.t. D's weights:
// - Greater: a comparison, zero gradient everywhere; LeakyRelu's gradient uses it, so without it
//   no second derivative passes a LeakyReLU.
// - Conv3DBackpropInputV2: conv3d's input gradient, dx = conv3d^T(dy, W). It is linear in dy and in
//   W, so (as tfjs' own Conv2DBackpropInput gradient) d/d(dy) = conv3d(ddx, W) and
//   d/dW = conv3DBackpropFilter(ddx, dy).
// Registration only fills gaps: a gradient tfjs (or anyone) already registered is left alone.
import { tf } from '@lddm/runtime';

interface Conv3dBackpropInputAttrs {
  strides: [number, number, number];
  pad: 'valid' | 'same';
}

let registered = false;

/** Registers the missing gradients once; safe to call any number of times. */
export function enableSecondOrderGradients(): void {
  if (registered) return;
  registered = true;
  if (tf.getGradient('Greater') === undefined) {
    tf.registerGradient({
      kernelName: 'Greater',
      inputsToSave: ['a', 'b'],
      gradFunc: (dy, saved) => {
        const [a, b] = saved;
        return { a: () => tf.zerosLike(a ?? dy), b: () => tf.zerosLike(b ?? dy) };
      },
    });
  }
  if (tf.getGradient('Conv3DBackpropInputV2') === undefined) {
    tf.registerGradient({
      kernelName: 'Conv3DBackpropInputV2',
      inputsToSave: ['dy', 'filter'],
      gradFunc: (ddx, saved, attrs) => {
        const [dy, filter] = saved as [tf.Tensor5D, tf.Tensor5D];
        const { strides, pad } = attrs as unknown as Conv3dBackpropInputAttrs;
        const grad = ddx as tf.Tensor5D;
        return {
          dy: () => tf.conv3d(grad, filter, strides, pad),
          filter: () => tf.engine().runKernel('Conv3DBackpropFilterV2', { x: grad, dy }, { strides, pad, filterShape: filter.shape }) as tf.Tensor,
        };
      },
    });
  }
}

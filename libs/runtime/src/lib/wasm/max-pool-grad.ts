// Gradient of 2-D max-pool (NHWC) as the 3-D one over a depth of 1 (max-pool-3d-grad.ts: SIMD
// over channels). The stock kernel is a per-channel scalar loop: 30 ms of a
// 240 ms TSM step for one ResNet stem pool. Numeric padding (which would also pad the depth of
// 1) takes the stock kernel. Ties follow the 3-D rule (the last maximum takes dy), as the stock
// wasm kernel does; the cpu backend's 2-D gradient gives it to the first.
import { MaxPoolGrad } from '@tensorflow/tfjs-core';
import { channelsLastAttr, padding3dAttr, roundingAttr, tupleAttr } from './attrs';
import { dispose, reshape } from './heap';
import { defineWasmKernel, input } from './kernel';
import { maxPool3dGradInfo } from './max-pool-3d-grad';
import { runStock1 } from './stock';

const op = MaxPoolGrad;

const to5d = (shape: number[]) => [shape[0], 1, shape[1], shape[2], shape[3]];

export const maxPoolGradKernel = defineWasmKernel({
  name: op,
  reason: 'stock MaxPoolGrad is a per-channel scalar loop; this is the vectorised 3-D kernel at depth 1',
  inputs: (m) => ({ dy: input(m, 'dy', op), x: input(m, 'input', op), y: input(m, 'output', op) }),
  attrs: (m, raw = m) => {
    channelsLastAttr(m, 'dataFormat', op);
    return {
      raw,
      filterSize: tupleAttr(m, 'filterSize', 2, op),
      strides: tupleAttr(m, 'strides', 2, op),
      pad: padding3dAttr(m, 'pad', op),
      dimRoundingMode: roundingAttr(m, 'dimRoundingMode', op),
    };
  },
  run: ({ dy, x, y }, a, backend) => {
    if (typeof a.pad === 'number' || x.shape.length !== 4) return runStock1(op, backend, { dy, input: x, output: y }, a.raw);
    const [dy5, x5] = [dy, x].map((t) => reshape(backend, t, to5d(t.shape)));
    const dx5 = maxPool3dGradInfo(backend, dy5, x5, {
      filterSize: [1, ...a.filterSize], strides: [1, ...a.strides], pad: a.pad, dimRoundingMode: a.dimRoundingMode,
    });
    dispose(backend, dy5, x5);
    const dx = reshape(backend, dx5, x.shape);
    dispose(backend, dx5);
    return dx;
  },
});

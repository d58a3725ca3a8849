// A C3D-like video classifier for the end-to-end benchmark: four 3x3x3 conv3d + bias + ReLU
// blocks (widths 16-32-64-128) with a 3-D max-pool after each (1x2x2 first, then 2x2x2), a
// linear head on the flattened features, softmax cross-entropy, Adam. ~0.3M parameters at the
// default widths; one step = forward + backward + Adam update.
import { tf } from '@lddm/runtime';
import { relativeL2 } from './check';
import type { Prepared } from './types';

export interface C3dConfig {
  batch: number;
  frames: number;
  size: number;
  widths: number[];
  classes: number;
}

interface C3dModel {
  params: tf.Variable[];
  loss: () => tf.Scalar;
  dispose: () => void;
}

/** The model and a fixed batch on the current backend; all values are seeded (same on every backend). */
function buildC3d(cfg: C3dConfig): C3dModel {
  const params: tf.Variable[] = [];
  const convs = cfg.widths.map((w, i) => {
    const cin = i === 0 ? 1 : cfg.widths[i - 1];
    const scale = Math.sqrt(2 / (27 * cin));
    const kernel: tf.Variable<tf.Rank.R5> = tf.variable(tf.mul(tf.randomNormal([3, 3, 3, cin, w], 0, 1, 'float32', 100 + i), scale));
    const bias = tf.variable(tf.zeros([w]));
    params.push(kernel, bias);
    return { kernel, bias, pool: (i === 0 ? [1, 2, 2] : [2, 2, 2]) as [number, number, number] };
  });
  const pooled = convs.reduce((s, c) => ({ d: s.d / c.pool[0], h: s.h / c.pool[1] }), { d: cfg.frames, h: cfg.size });
  const features = pooled.d * pooled.h * pooled.h * cfg.widths[cfg.widths.length - 1];
  const head = tf.variable(tf.mul(tf.randomNormal([features, cfg.classes], 0, 1, 'float32', 9), Math.sqrt(1 / features)));
  const headBias = tf.variable(tf.zeros([cfg.classes]));
  params.push(head, headBias);

  const x: tf.Tensor5D = tf.randomUniform([cfg.batch, cfg.frames, cfg.size, cfg.size, 1], 0, 1, 'float32', 7);
  const labels = tf.oneHot(tf.tensor1d(Array.from({ length: cfg.batch }, (_, i) => i % cfg.classes), 'int32'), cfg.classes);

  const loss = () =>
    tf.tidy(() => {
      let h = x;
      for (const c of convs) {
        const y = tf.relu(tf.add<tf.Tensor5D>(tf.conv3d(h, c.kernel, 1, 'same'), c.bias));
        h = tf.maxPool3d(y, c.pool, c.pool, 'valid');
      }
      const logits = tf.add(tf.matMul(tf.reshape(h, [cfg.batch, features]), head), headBias);
      return tf.losses.softmaxCrossEntropy(labels, logits) as tf.Scalar;
    });
  return { params, loss, dispose: () => tf.dispose([x, labels, ...params]) };
}

export function c3dStep(cfg: C3dConfig): Prepared {
  const model = buildC3d(cfg);
  const optimizer = tf.train.adam(1e-3);
  return {
    run() {
      const value = optimizer.minimize(model.loss, true, model.params);
      value?.dataSync();
      value?.dispose();
    },
    dispose() {
      optimizer.dispose();
      model.dispose();
    },
  };
}

async function lossAndGrads(backend: string, cfg: C3dConfig): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const model = buildC3d(cfg);
  const { value, grads } = tf.variableGrads(model.loss, model.params);
  const out = [value, ...model.params.map((p) => grads[p.name])].map((t) => Float32Array.from(t.dataSync()));
  tf.dispose([value, ...Object.values(grads)]);
  model.dispose();
  return out;
}

/** Largest relative L2 error of the loss and every parameter gradient of a tiny C3D, against cpu. */
export async function c3dErrorAgainstCpu(): Promise<number> {
  const cfg: C3dConfig = { batch: 2, frames: 8, size: 16, widths: [4, 6, 6, 8], classes: 3 };
  const backend = tf.getBackend();
  const actual = await lossAndGrads(backend, cfg);
  const expected = await lossAndGrads('cpu', cfg);
  await tf.setBackend(backend);
  return Math.max(...expected.map((e, i) => relativeL2(actual[i], e)));
}

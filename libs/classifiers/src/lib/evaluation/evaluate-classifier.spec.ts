import { initBackend, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { VideoClassifier } from '../models/video-classifier';
import { aggregateByVideo, evaluateClassifier } from './evaluate-classifier';

beforeAll(async () => {
  await initBackend('wasm');
});

/** Logits [0, 4 m] from each clip's mean value m: p(malignant) = sigmoid(4 m), a known answer. */
class MeanBrightnessClassifier extends VideoClassifier {
  readonly kind = 'c3d' as const;
  readonly inputSize = 4;
  readonly adaptation = 'test double';
  protected forward(clips: tf.Tensor5D): tf.Tensor2D {
    const m = tf.mean(clips, [1, 2, 3, 4]);
    return tf.stack([tf.zerosLike(m), tf.mul(m, 4)], 1) as tf.Tensor2D;
  }
}

describe('aggregateByVideo', () => {
  it('averages clip probabilities per video and predicts the larger mean', () => {
    const probs = [
      [0.9, 0.1],
      [0.2, 0.8],
      [0.3, 0.7],
      [0.4, 0.6],
    ];
    const out = aggregateByVideo(probs, [0, 0, 1, 1], ['a', 'a', 'b', 'b']);
    expect(out.map((p) => p.videoId)).toEqual(['a', 'b']);
    expect(out[0].probMalignant).toBeCloseTo(0.45, 12);
    expect(out[0].pred).toBe(0);
    expect(out[1].probMalignant).toBeCloseTo(0.65, 12);
    expect(out[1].pred).toBe(1);
    expect(out.map((p) => p.clips)).toEqual([2, 2]);
    expect(() => aggregateByVideo(probs, [0, 1, 1, 1], ['a', 'a', 'b', 'b'])).toThrow(/labelled/);
  });
});

describe('evaluateClassifier', () => {
  it('evaluates per video: one clip of video v1 alone would be wrong, its mean is right', () => {
    const model = new MeanBrightnessClassifier(1, { numClasses: 2, inChannels: 1 });
    const clipMeans = [0.5, -0.1, -0.5, -0.2, 0.3];
    const labels = Int32Array.from([1, 1, 0, 1, 0]);
    const videoIds = ['v1', 'v1', 'v2', 'v3', 'v4'];
    const per = 2 * 4 * 4;
    const data = new Float32Array(clipMeans.length * per);
    clipMeans.forEach((m, i) => data.fill(m, i * per, (i + 1) * per));
    const e = evaluateClassifier(model, { data, shape: [5, 2, 4, 4, 1], labels, videoIds }, { batchSize: 2 });
    const sig = (x: number) => 1 / (1 + Math.exp(-x));
    expect(e.predictions.map((p) => [p.videoId, p.label, p.pred])).toEqual([
      ['v1', 1, 1],
      ['v2', 0, 0],
      ['v3', 1, 0],
      ['v4', 0, 1],
    ]);
    expect(e.predictions[0].probMalignant).toBeCloseTo((sig(2) + sig(-0.4)) / 2, 5);
    // tn 1 (v2), fp 1 (v4), fn 1 (v3), tp 1 (v1).
    expect(e.confusion).toEqual([
      [1, 1],
      [1, 1],
    ]);
    expect(e.accuracy).toBe(0.5);
    expect(e.f1).toBeCloseTo(0.5, 12);
    expect(e.recallPerClass).toEqual([0.5, 0.5]);
  });
});

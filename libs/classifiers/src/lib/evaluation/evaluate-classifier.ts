// Test-time evaluation: the model in eval mode (centre sampling, no dropout) on every clip, softmax
// probabilities averaged over the clips of each video (mmaction2's average of test views), the
// video predicted as the class of highest mean probability, then the metrics over videos.
import { tf } from '@lddm/runtime';
import type { VideoClassifier } from '../models/video-classifier';
import { batchTensors, checkLabelledClips, videoIdsOf, type LabelledClips } from '../training/labelled-clips';
import { classificationMetrics, type ClassificationMetrics } from './metrics';

export interface VideoPrediction {
  videoId: string;
  label: number;
  /** Mean probability of malignant (class 1) over the video's clips. */
  probMalignant: number;
  pred: number;
  clips: number;
}

export interface Evaluation extends ClassificationMetrics {
  predictions: VideoPrediction[];
}

/** Class probabilities [N][K] of every clip, in batches, in eval mode. */
export function predictProbabilities(model: VideoClassifier, set: LabelledClips, batchSize = 8): number[][] {
  checkLabelledClips('predictProbabilities', set);
  const out: number[][] = [];
  for (let start = 0; start < set.shape[0]; start += batchSize) {
    const rows = Array.from({ length: Math.min(batchSize, set.shape[0] - start) }, (_, i) => start + i);
    const probs = tf.tidy(() => {
      const { clips } = batchTensors(set, rows);
      return tf.softmax(model.apply(clips, false));
    });
    out.push(...(probs.arraySync() as number[][]));
    probs.dispose();
  }
  return out;
}

/** Mean clip probabilities per video (videos in order of first appearance). */
export function aggregateByVideo(probabilities: readonly (readonly number[])[], labels: ArrayLike<number>, videoIds: readonly string[]): VideoPrediction[] {
  const groups = new Map<string, { label: number; sum: number[]; clips: number }>();
  probabilities.forEach((p, i) => {
    const id = videoIds[i];
    const g = groups.get(id);
    if (g === undefined) {
      groups.set(id, { label: labels[i], sum: [...p], clips: 1 });
    } else {
      if (g.label !== labels[i]) throw new Error(`aggregateByVideo: video ${id} has clips labelled ${g.label} and ${labels[i]}`);
      p.forEach((v, k) => (g.sum[k] += v));
      g.clips++;
    }
  });
  return [...groups.entries()].map(([videoId, g]) => {
    const mean = g.sum.map((s) => s / g.clips);
    const pred = mean.indexOf(Math.max(...mean));
    return { videoId, label: g.label, probMalignant: mean[1] ?? NaN, pred, clips: g.clips };
  });
}

export function evaluateClassifier(model: VideoClassifier, set: LabelledClips, options: { batchSize?: number } = {}): Evaluation {
  const probabilities = predictProbabilities(model, set, options.batchSize);
  const predictions = aggregateByVideo(probabilities, set.labels, videoIdsOf(set));
  const metrics = classificationMetrics(predictions.map((p) => p.label), predictions.map((p) => p.pred), model.numClasses);
  return { ...metrics, predictions };
}

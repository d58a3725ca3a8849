// A cell's test results into the registry (libs/reporting/src/lib/contract.ts): accuracy and F1
// over test videos with percentile-bootstrap 95% CIs over those videos, macro F1, recall per class
// and the confusion matrix, and the per-video predictions as a JSON artifact.
import { join } from 'node:path';
import type { Evaluation, VideoPrediction } from '@lddm/classifiers';
import type { BootstrapOptions, ConfidenceInterval } from '@lddm/metrics';
import { accuracy, binaryF1, bootstrapCi } from '@lddm/metrics';
import { type RunHandle } from '@lddm/registry';
import { writeFileAtomic } from '@lddm/runtime/files';

export interface TestSummary {
  accuracy: ConfidenceInterval;
  f1: ConfidenceInterval;
  macroF1: number;
  recallPerClass: number[];
  confusion: number[][];
  videos: number;
  f1Definition: string;
}

/** Bootstrap CIs of accuracy and malignant-positive F1, resampling test videos (one stream for both). */
export function testSummary(evaluation: Evaluation, options: BootstrapOptions): TestSummary {
  const pairs = evaluation.predictions;
  const of = (f: (pred: number[], truth: number[]) => number) => (sample: readonly VideoPrediction[]) =>
    f(
      sample.map((p) => p.pred),
      sample.map((p) => p.label),
    );
  return {
    accuracy: bootstrapCi(pairs, of(accuracy), options),
    f1: bootstrapCi(pairs, of((p, t) => binaryF1(p, t, 1)), options),
    macroF1: evaluation.macroF1,
    recallPerClass: evaluation.recallPerClass,
    confusion: evaluation.confusion,
    videos: pairs.length,
    f1Definition: evaluation.f1Definition,
  };
}

export async function recordEvaluation(run: RunHandle, dir: string, summary: TestSummary, predictions: readonly VideoPrediction[], classes: readonly string[], label: Record<string, unknown>): Promise<string> {
  const { accuracy: acc, f1 } = summary;
  const recall = Object.fromEntries(classes.map((c, i) => [`recall_${c}`, summary.recallPerClass[i]]));
  run.logMetrics(
    Object.entries({
      accuracy: acc.estimate,
      f1: f1.estimate,
      accuracy_ci_low: acc.lower,
      accuracy_ci_high: acc.upper,
      f1_ci_low: f1.lower,
      f1_ci_high: f1.upper,
      macro_f1: summary.macroF1,
      ...recall,
    })
      .filter(([, value]) => Number.isFinite(value))
      .map(([name, value]) => ({ name, value, split: 'test' })),
  );
  run.logParams({
    f1Definition: summary.f1Definition,
    confusion: summary.confusion,
    confusionLayout: 'rows = true class, columns = predicted class, classes in order',
    classes,
    recallPerClass: summary.recallPerClass,
    testVideos: summary.videos,
    bootstrap: { resamples: acc.resamples, confidence: acc.confidence, unit: 'test video' },
  });
  const path = join(dir, 'predictions.json');
  await writeFileAtomic(path, `${JSON.stringify({ ...label, classes, f1Definition: summary.f1Definition, predictions }, null, 1)}\n`);
  run.addArtifact({ path, kind: 'predictions' });
  return path;
}

export interface TestMetrics {
  accuracy: number;
  f1: number;
  accuracyCi: [number, number];
  f1Ci: [number, number];
}

/** A finished cell's test numbers back from the registry (for a reused run). */
export function readTestMetrics(registry: { metrics(runId: number): ReadonlyArray<{ name: string; value: number | null; split: string | null }> }, runId: number): TestMetrics {
  const test = new Map(registry.metrics(runId).filter((m) => m.split === 'test').map((m) => [m.name, m.value ?? NaN]));
  const get = (name: string) => test.get(name) ?? NaN;
  return { accuracy: get('accuracy'), f1: get('f1'), accuracyCi: [get('accuracy_ci_low'), get('accuracy_ci_high')], f1Ci: [get('f1_ci_low'), get('f1_ci_high')] };
}

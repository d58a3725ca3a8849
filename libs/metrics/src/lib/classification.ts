// Classification metrics of Table 2: accuracy, binary F1 and macro F1 (as scikit-learn's
// f1_score with average='binary' / 'macro', zero_division = 0).

function checkPair(where: string, predicted: readonly number[], truth: readonly number[]): void {
  if (predicted.length !== truth.length) throw new Error(`${where}: ${predicted.length} predictions for ${truth.length} labels`);
  if (truth.length === 0) throw new Error(`${where}: no labels`);
}

/** Fraction of predictions equal to the label. */
export function accuracy(predicted: readonly number[], truth: readonly number[]): number {
  checkPair('accuracy', predicted, truth);
  return predicted.reduce((n, p, i) => n + (p === truth[i] ? 1 : 0), 0) / truth.length;
}

/** F1 = 2 TP / (2 TP + FP + FN) of one class; 0 when it has no TP, FP or FN. */
function f1Of(predicted: readonly number[], truth: readonly number[], positive: number): number {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < truth.length; i++) {
    const p = predicted[i] === positive;
    const t = truth[i] === positive;
    if (p && t) tp++;
    else if (p) fp++;
    else if (t) fn++;
  }
  const denominator = 2 * tp + fp + fn;
  return denominator === 0 ? 0 : (2 * tp) / denominator;
}

/** F1 of the positive class (default 1). */
export function binaryF1(predicted: readonly number[], truth: readonly number[], positive = 1): number {
  checkPair('binaryF1', predicted, truth);
  return f1Of(predicted, truth, positive);
}

/** Unweighted mean of per-class F1 over `classes` (default: every label seen in truth or predictions). */
export function macroF1(predicted: readonly number[], truth: readonly number[], classes?: readonly number[]): number {
  checkPair('macroF1', predicted, truth);
  const labels = classes ?? [...new Set([...truth, ...predicted])].sort((a, b) => a - b);
  return labels.reduce((sum, c) => sum + f1Of(predicted, truth, c), 0) / labels.length;
}

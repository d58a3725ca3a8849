// Classification metrics of Table 2 on per-video predictions.
//   confusion[i][j] = number of videos of true class i predicted as j; for the two classes
//     (benign 0, malignant 1) that is [[tn, fp], [fn, tp]] with malignant as the positive class;
//   f1 = 2 tp / (2 tp + fp + fn), malignant-positive binary F1 (0 when tp + fp + fn = 0);
//   macroF1 = the mean over classes of the one-vs-rest F1; recallPerClass[c] = confusion[c][c] /
//   (videos of class c) (benign recall = specificity, malignant recall = sensitivity; NaN if absent).
export const F1_DEFINITION = 'binary F1 with malignant (label 1) as the positive class, over test videos';

export interface ClassificationMetrics {
  accuracy: number;
  f1: number;
  f1Definition: string;
  macroF1: number;
  recallPerClass: number[];
  /** Rows = true class, columns = predicted class: [[tn, fp], [fn, tp]] for benign/malignant. */
  confusion: number[][];
  count: number;
}

export function classificationMetrics(labels: ArrayLike<number>, predictions: ArrayLike<number>, numClasses = 2): ClassificationMetrics {
  if (labels.length !== predictions.length) throw new Error(`classificationMetrics: ${labels.length} labels but ${predictions.length} predictions`);
  const confusion = Array.from({ length: numClasses }, () => Array.from({ length: numClasses }, () => 0));
  for (let i = 0; i < labels.length; i++) {
    const [y, p] = [labels[i], predictions[i]];
    if (confusion[y]?.[p] === undefined) throw new Error(`classificationMetrics: label ${y} or prediction ${p} outside [0, ${numClasses})`);
    confusion[y][p]++;
  }
  const n = labels.length;
  const correct = confusion.reduce((s, row, c) => s + row[c], 0);
  const f1Of = (c: number): number => {
    const tp = confusion[c][c];
    const fp = confusion.reduce((s, row, r) => s + (r === c ? 0 : row[c]), 0);
    const fn = confusion[c].reduce((s, v, j) => s + (j === c ? 0 : v), 0);
    return tp + fp + fn === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  };
  const perClassF1 = confusion.map((_, c) => f1Of(c));
  return {
    accuracy: n === 0 ? NaN : correct / n,
    f1: numClasses > 1 ? perClassF1[1] : NaN,
    f1Definition: F1_DEFINITION,
    macroF1: perClassF1.reduce((a, b) => a + b, 0) / numClasses,
    recallPerClass: confusion.map((row, c) => {
      const total = row.reduce((a, b) => a + b, 0);
      return total === 0 ? NaN : row[c] / total;
    }),
    confusion,
    count: n,
  };
}

// Classification metrics of Table 2 on per-video predictions.
//   confusion[i][j] = number of videos of true class i predicted as j; for the two classes
//     (benign 0, malignant 1) that is [[tn, fp], [fn, tp]] with malignant as the positive class;
//   f1 = 2 tp / (2 tp + fp + fn), malignant-positive binary F1 (0 when tp + fp + fn = 0) for the
//     paper's classes; for any other classes (a user's own data, N >= 2) f1 is the macro-F1;
//   macroF1 = the mean over classes of the one-vs-rest F1; recallPerClass[c] = confusion[c][c] /
//   (videos of class c) (benign recall = specificity, malignant recall = sensitivity; NaN if absent).
export const F1_DEFINITION = 'binary F1 with malignant (label 1) as the positive class, over test videos';
export const MACRO_F1_DEFINITION = 'macro-F1 (mean of the one-vs-rest F1 of every class), over test videos';

/** The paper's classes, in the order of its labels: only these get the malignant-positive F1. */
const PAPER_CLASSES = ['benign', 'malignant'];

/**
 * Which F1 a table reports: the paper's malignant-positive binary F1 for BUSV's two classes
 * (or unnamed classes, as before class names were known), macro-F1 for any other classes,
 * where no class is "the" positive one.
 */
export function f1Kind(classNames?: readonly string[]): 'binary' | 'macro' {
  return classNames === undefined || classNames.join('\n') === PAPER_CLASSES.join('\n') ? 'binary' : 'macro';
}

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

export function classificationMetrics(labels: ArrayLike<number>, predictions: ArrayLike<number>, numClasses = 2, classNames?: readonly string[]): ClassificationMetrics {
  if (classNames !== undefined && classNames.length !== numClasses) throw new Error(`classificationMetrics: ${classNames.length} class names for ${numClasses} classes`);
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
  const macroF1 = perClassF1.reduce((a, b) => a + b, 0) / numClasses;
  const binary = f1Kind(classNames) === 'binary' && numClasses === 2;
  return {
    accuracy: n === 0 ? NaN : correct / n,
    f1: binary ? perClassF1[1] : macroF1,
    f1Definition: binary ? F1_DEFINITION : MACRO_F1_DEFINITION,
    macroF1,
    recallPerClass: confusion.map((row, c) => {
      const total = row.reduce((a, b) => a + b, 0);
      return total === 0 ? NaN : row[c] / total;
    }),
    confusion,
    count: n,
  };
}

// Softmax cross-entropy on logits [B, K] and integer labels [B], optionally class-weighted as
// PyTorch's CrossEntropyLoss(weight=w): sum_i w_{y_i} (-log p_i[y_i]) / sum_i w_{y_i}.
import { tf } from '@lddm/runtime';

export function crossEntropy(logits: tf.Tensor2D, labels: tf.Tensor1D, classWeights?: readonly number[]): tf.Scalar {
  const [b, k] = logits.shape;
  if (labels.shape[0] !== b) throw new Error(`crossEntropy: ${b} logits but ${labels.shape[0]} labels`);
  if (classWeights !== undefined && classWeights.length !== k) throw new Error(`crossEntropy: ${classWeights.length} class weights for ${k} classes`);
  return tf.tidy(() => {
    const nll = tf.neg(tf.sum(tf.mul(tf.logSoftmax(logits), tf.oneHot(tf.cast(labels, 'int32'), k)), 1)); // [B]
    if (classWeights === undefined) return tf.mean<tf.Scalar>(nll);
    const w = tf.gather(tf.tensor1d([...classWeights]), tf.cast(labels, 'int32'));
    return tf.div<tf.Scalar>(tf.sum(tf.mul(nll, w)), tf.sum(w));
  });
}

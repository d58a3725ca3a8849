// Adaptive average pooling of [B, H, W, C] to [B, h, w, C], PyTorch's nn.AdaptiveAvgPool2d:
// output cell i averages input rows floor(i H / h) .. ceil((i + 1) H / h) - 1 (and the same for
// columns). For h > H the windows are single rows, i.e. nearest-neighbour upsampling. Written as
// two matrix products with the averaging matrices P_h [h, H] and P_w [w, W], y = P_h x P_w^T, so
// any size ratio works and the gradient is the transposed product (no special kernel needed).
import { tf } from '@lddm/runtime';

/** The [out, n] matrix whose row i averages inputs floor(i n / out) .. ceil((i + 1) n / out) - 1. */
export function adaptivePoolMatrix(n: number, out: number): tf.Tensor2D {
  const values = new Float32Array(out * n);
  for (let i = 0; i < out; i++) {
    const start = Math.floor((i * n) / out);
    const end = Math.ceil(((i + 1) * n) / out);
    for (let k = start; k < end; k++) values[i * n + k] = 1 / (end - start);
  }
  return tf.tensor2d(values, [out, n]);
}

/** x [B, H, W, C] -> [B, h, w, C], each output the mean of its adaptive window. */
export function adaptiveAvgPool2d(x: tf.Tensor4D, size: readonly [number, number]): tf.Tensor4D {
  const [h, w] = size;
  if (x.rank !== 4) throw new Error(`adaptiveAvgPool2d: expected [B, H, W, C], got [${x.shape.join(', ')}]`);
  if (!Number.isInteger(h) || !Number.isInteger(w) || h < 1 || w < 1) throw new Error(`adaptiveAvgPool2d: output size must be positive integers, got [${h}, ${w}]`);
  const [b, H, W, c] = x.shape;
  if (H === h && W === w) return tf.clone(x);
  return tf.tidy(() => {
    // Rows: [H, B * W * C] -> P_h [h, H] times it -> [h, B, W, C].
    const rows = tf.reshape(tf.transpose(x, [1, 0, 2, 3]), [H, b * W * c]);
    const pooledRows = tf.reshape(tf.matMul(adaptivePoolMatrix(H, h), rows), [h, b, W, c]);
    // Columns: [W, B * h * C] -> P_w [w, W] times it -> [w, B, h, C] -> [B, h, w, C].
    const cols = tf.reshape(tf.transpose(pooledRows, [2, 1, 0, 3]), [W, b * h * c]);
    const pooled = tf.reshape<tf.Rank.R4>(tf.matMul(adaptivePoolMatrix(W, w), cols), [w, b, h, c]);
    return tf.transpose<tf.Tensor4D>(pooled, [1, 2, 0, 3]);
  });
}

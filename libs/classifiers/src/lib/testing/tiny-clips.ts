// Eight 8x16x16 clips, two classes told apart by shape, motion and brightness: a mid-gray (0)
// horizontal bar moving down on black (-1) (benign, 0), or a white (1) vertical bar moving right on
// dark gray (-0.5) (malignant, 1), each clip at its own position, values in [-1, 1] as @lddm/data
// gives them. GroupNorm ResNets barely see brightness (a per-sample affine change) but see
// orientation and direction; ATMNet starts close to linear-then-pooled (its residual branches are
// initialised small), which cannot tell the orientations apart at equal area but sees brightness.
export interface TinyClips {
  data: Float32Array;
  shape: [number, number, number, number, number];
  labels: Int32Array;
}

export function tinyClips(count = 8, frames = 8, size = 16): TinyClips {
  const labels = Int32Array.from({ length: count }, (_, n) => n % 2);
  const frameSize = frames * size * size;
  const data = new Float32Array(count * frameSize);
  for (let n = 0; n < count; n++) data.fill(labels[n] === 0 ? -1 : -0.5, n * frameSize, (n + 1) * frameSize);
  for (let n = 0; n < count; n++) {
    const start = (3 * n + 1) % (size - frames);
    const across = 2 + ((5 * n) % (size - 8));
    for (let t = 0; t < frames; t++) {
      for (let i = 0; i < 6; i++) {
        for (let j = 0; j < 2; j++) {
          // Class 0: rows start + t (+ j), columns across + i; class 1 the transpose.
          const [row, col] = labels[n] === 0 ? [start + t + j, across + i] : [across + i, start + t + j];
          data[((n * frames + t) * size + row) * size + col] = labels[n] === 0 ? 0 : 1;
        }
      }
    }
  }
  return { data, shape: [count, frames, size, size, 1], labels };
}

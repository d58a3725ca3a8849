// Two numbers the LDDM issue asks of synthesized clips: do they move, and do they keep x0?

/** Mean absolute difference between consecutive frames, over every clip, frame pair and pixel. */
export function clipMotion(data: Float32Array, clips: number, frames: number, frameSize: number): number {
  if (frames < 2) return 0;
  let sum = 0;
  for (let c = 0; c < clips; c++) {
    const base = c * frames * frameSize;
    for (let f = 1; f < frames; f++) {
      const a = base + (f - 1) * frameSize;
      const b = base + f * frameSize;
      for (let p = 0; p < frameSize; p++) sum += Math.abs(data[b + p] - data[a + p]);
    }
  }
  return sum / (clips * (frames - 1) * frameSize);
}

/** Mean |frame_0 - x0| over clips and pixels. */
export function frameZeroL1(clips: Float32Array, x0: Float32Array, count: number, frames: number, frameSize: number): number {
  let sum = 0;
  for (let c = 0; c < count; c++) {
    const base = c * frames * frameSize;
    for (let p = 0; p < frameSize; p++) sum += Math.abs(clips[base + p] - x0[c * frameSize + p]);
  }
  return sum / (count * frameSize);
}

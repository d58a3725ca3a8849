// Frames of one video at the target size, decoded only when asked for. Frame folders decode just
// the requested files (a 48 -> 16 clip reads a third of the frames); containers are decoded once,
// whole, by ffmpeg, since seeking a compressed stream frame by frame costs more.
import type { VideoEntry } from './dataset';
import { decodeImage } from './decode-image';
import { decodeVideo } from './ffmpeg';
import type { Fit } from './fit';

export interface FrameReader {
  /** Frames available; for containers, as decoded. */
  readonly count: number;
  /** Frames decoded so far (what a cache hit saves). */
  readonly decoded: number;
  /** The frames at `indices`, each size x size gray bytes. */
  read(indices: readonly number[]): Promise<Uint8Array[]>;
}

export async function openVideo(video: VideoEntry, size: number, fit: Fit): Promise<FrameReader> {
  const frameBytes = size * size;
  if (video.source.kind === 'file') {
    const { pixels, frames } = await decodeVideo(video.source.path, size, fit, video.source.fps);
    return {
      count: frames,
      decoded: frames,
      read: async (indices) => indices.map((i) => pixels.subarray(i * frameBytes, (i + 1) * frameBytes)),
    };
  }
  const paths = video.source.paths;
  let decoded = 0;
  return {
    count: paths.length,
    get decoded() {
      return decoded;
    },
    read: async (indices) => {
      // A frame sampled twice (short videos, resampled) is decoded once.
      const unique = [...new Set(indices)];
      const frames = await Promise.all(unique.map((i) => decodeImage(paths[i], size, fit)));
      decoded += unique.length;
      const byIndex = new Map(unique.map((i, k) => [i, frames[k]]));
      return indices.map((i) => byIndex.get(i)!);
    },
  };
}

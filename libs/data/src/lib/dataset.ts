// What the loaders return: lists of videos and images with their labels and where their pixels
// are, but no pixels. Decoding happens later (clips, image sets), only for the frames used.

/** Where a video's frames are. */
export type FrameSource =
  /** One image file per frame, already in playback order. */
  | { kind: 'frames'; paths: readonly string[] }
  /**
   * A video container (mp4, avi, mov, mpeg, gif), decoded with ffmpeg when needed; resampled to
   * `fps` frames per second when set (`nativeFps`: the rate the container states, or null).
   */
  | { kind: 'file'; path: string; fps?: number; nativeFps?: number | null };

export interface VideoEntry {
  /** Unique in its dataset. BUSV: the video folder's name; generic: "<class>/<name>". */
  id: string;
  /** Index into the dataset's `classes`. */
  label: number;
  className: string;
  /** Path relative to the dataset root (the folder or file the video came from). */
  relPath: string;
  source: FrameSource;
  /**
   * Frames: the number of frame files. Containers: the number of video packets ffmpeg counts
   * without decoding, which is the frame count for every format we read; the decoder's own count
   * is what clips use if the two ever differ.
   */
  frameCount: number;
}

/** A BUSV erratum that was applied to this copy. */
export interface AppliedErratum {
  id: string;
  action: 'drop' | 'relabel';
  /** Class folder the video was found in. */
  from: string;
  /** New class (relabel only). */
  to?: string;
  reason: string;
}

/** An annotation file that was read and checked against the frames on disk. */
export interface AnnotationSummary {
  file: string;
  videos: number;
  images: number;
  annotations: number;
}

export interface VideoDataset {
  kind: 'busv' | 'videos';
  /** Absolute root the loader was given (BUSV: the folder holding rawframes/). */
  root: string;
  /** Class names; a video's label is its index here. */
  classes: readonly string[];
  videos: readonly VideoEntry[];
  /** BUSV errata applied to this copy (empty when none of their ids is present). */
  errata: readonly AppliedErratum[];
  annotations: readonly AnnotationSummary[];
  /** Every file the dataset consists of, relative to root: what the fingerprint hashes. */
  files: readonly string[];
  /** Things the loader ignored or noticed, one line each (e.g. a stray folder). */
  notes: readonly string[];
}

export interface ImageEntry {
  /** Unique in its dataset: "<class>/<file name without extension>". */
  id: string;
  label: number;
  className: string;
  relPath: string;
  path: string;
  /** BUSI ground-truth masks of this image (zero, one or several); empty for generic folders. */
  maskPaths: readonly string[];
}

export interface ImageDataset {
  kind: 'busi' | 'images';
  root: string;
  classes: readonly string[];
  images: readonly ImageEntry[];
  /** Images present but left out, by class (BUSI's normal images unless asked for). */
  excluded: Readonly<Record<string, number>>;
  files: readonly string[];
  notes: readonly string[];
}

/** Count of items per class name, every class listed (zero included), in class order. */
export function countByClass(classes: readonly string[], items: readonly { label: number }[]): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(classes.map((c) => [c, 0]));
  for (const item of items) counts[classes[item.label]] += 1;
  return counts;
}

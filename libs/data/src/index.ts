// @lddm/data: datasets. The phantom writes the real BUSV/BUSI layouts when the real data is absent;
// the loaders read those layouts (or generic class folders), and everything downstream (splits,
// clips, the tensor cache) works on what they return.
export * from './lib/phantom/index';

export { DataError, isDataError } from './lib/errors';
export { countByClass } from './lib/dataset';
export type { AnnotationSummary, AppliedErratum, FrameSource, ImageDataset, ImageEntry, VideoDataset, VideoEntry } from './lib/dataset';
export { loadBusv, BUSV_CLASSES, type LoadBusvOptions } from './lib/busv';
export { BUSV_ERRATA, type BusvErratum } from './lib/busv-errata';
export { loadBusi, BUSI_CLASSES, BUSI_FOLDER, type LoadBusiOptions } from './lib/busi';
export { loadVideoFolder } from './lib/video-folder';
export { loadImageFolder } from './lib/image-folder';
export { openDataset, isVideoDataset, DATASET_KINDS, type DatasetKind, type OpenDatasetOptions } from './lib/open-dataset';
export { selectImages } from './lib/image-selection';
export { fingerprintDataset, fingerprintFiles, type FingerprintOptions } from './lib/fingerprint';
export { parseRatio, type Ratio } from './lib/ratio';
export { makeSplit, makeSplits, type SplitItem, type SplitOptions, type VideoSplit } from './lib/splits';
export { parseSplit, checkSplitCovers } from './lib/split-record';
export { planClips, sampleIndices, type ClipPlan, type ClipPlanConfig, type PlannedClip, type ShortVideoPolicy } from './lib/clip-plan';
export { FITS, type Fit } from './lib/fit';
export {
  clipPreprocess,
  imagePreprocess,
  type ClipPreprocess,
  type ImagePreprocess,
  type Normalization,
  type PreprocessData,
} from './lib/preprocess';
export { firstFrames, selectClips, type ClipSet, type SkippedVideo } from './lib/clip-set';
export type { ImageSet } from './lib/image-set';
export { loadClips, loadImages, defaultCacheDir, cacheKey, type CacheInfo, type CacheOptions, type Loaded } from './lib/cached';
export { decodeVideo, countVideoFrames, ffmpegPath } from './lib/ffmpeg';
export { inspectDataset, registryCounts, type DatasetSummary, type InspectOptions } from './lib/inspect';
export { formatDatasetSummary } from './lib/inspect-format';
export { writeVideosBusv, toPixelBytes, videoStripPng, videoStripAnimation, type VideosToWrite, type WrittenVideos } from './lib/write-videos';

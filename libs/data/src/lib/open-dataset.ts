// One entry point for the four kinds of source a user can point at.
import { loadBusi } from './busi';
import { loadBusv } from './busv';
import type { ImageDataset, VideoDataset } from './dataset';
import { loadImageFolder } from './image-folder';
import { loadVideoFolder } from './video-folder';

export const DATASET_KINDS = ['busv', 'busi', 'videos', 'images'] as const;
export type DatasetKind = (typeof DATASET_KINDS)[number];

export interface OpenDatasetOptions {
  /** BUSI: include the normal images (label 2). */
  includeNormal?: boolean;
  /** BUSV: apply the known errata (default true). */
  errata?: boolean;
}

export async function openDataset(kind: DatasetKind, path: string, options: OpenDatasetOptions = {}): Promise<VideoDataset | ImageDataset> {
  switch (kind) {
    case 'busv':
      return loadBusv(path, { errata: options.errata });
    case 'busi':
      return loadBusi(path, { includeNormal: options.includeNormal });
    case 'videos':
      return loadVideoFolder(path);
    case 'images':
      return loadImageFolder(path);
  }
}

export const isVideoDataset = (d: VideoDataset | ImageDataset): d is VideoDataset => 'videos' in d;

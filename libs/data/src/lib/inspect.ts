// A dataset at a glance, as `trainer data inspect` prints it and the registry records it:
// counts per class, frames, the errata applied, the fingerprint, and optionally a split's sizes.
import type { AnnotationSummary, AppliedErratum } from './dataset';
import { countByClass } from './dataset';
import { fingerprintDataset, type FingerprintOptions } from './fingerprint';
import { isVideoDataset, openDataset, type DatasetKind, type OpenDatasetOptions } from './open-dataset';
import { makeSplit, type VideoSplit } from './splits';

export interface InspectOptions extends OpenDatasetOptions, FingerprintOptions {
  /** Also make this split ("7:3") with the profile's splits.seed / splits.stratified (or --seed) and report its sizes. */
  split?: { ratio: string; seed: number; stratified: boolean };
}

export interface DatasetSummary {
  kind: DatasetKind;
  root: string;
  classes: string[];
  /** Videos or images per class. */
  counts: Record<string, number>;
  total: number;
  /** Video datasets: frames over all videos, and the shortest and longest video. */
  frames?: { total: number; min: number; max: number };
  excluded: Record<string, number>;
  errata: AppliedErratum[];
  annotations: AnnotationSummary[];
  notes: string[];
  fingerprint: string;
  split?: VideoSplit;
}

export async function inspectDataset(kind: DatasetKind, path: string, options: InspectOptions = {}): Promise<DatasetSummary> {
  const dataset = await openDataset(kind, path, options);
  const items = isVideoDataset(dataset) ? dataset.videos : dataset.images;
  const fingerprint = await fingerprintDataset(dataset, { progress: options.progress });
  const lengths = isVideoDataset(dataset) ? dataset.videos.map((v) => v.frameCount) : [];
  const split = options.split === undefined ? undefined : makeSplit({ classes: dataset.classes, videos: items }, options.split.ratio, options.split);
  return {
    kind,
    root: dataset.root,
    classes: [...dataset.classes],
    counts: countByClass(dataset.classes, items),
    total: items.length,
    ...(lengths.length > 0 ? { frames: { total: lengths.reduce((a, b) => a + b, 0), min: Math.min(...lengths), max: Math.max(...lengths) } } : {}),
    excluded: isVideoDataset(dataset) ? {} : { ...dataset.excluded },
    errata: isVideoDataset(dataset) ? [...dataset.errata] : [],
    annotations: isVideoDataset(dataset) ? [...dataset.annotations] : [],
    notes: [...dataset.notes],
    fingerprint,
    ...(split ? { split } : {}),
  };
}

/** The counts the registry keeps for a dataset (Registry.recordDataset). */
export function registryCounts(s: DatasetSummary): Record<string, unknown> {
  return {
    classes: s.classes,
    counts: s.counts,
    total: s.total,
    ...(s.frames ? { frames: s.frames.total } : {}),
    ...(Object.keys(s.excluded).length ? { excluded: s.excluded } : {}),
    ...(s.errata.length ? { errata: s.errata.map((e) => `${e.action} ${e.from}/${e.id}${e.to ? ` -> ${e.to}` : ''}`) } : {}),
  };
}

// Known errors in the BUSV release (Lin et al., CVPR 2022), corrected whenever a copy holds the
// videos concerned. Each one applied is recorded in the dataset, so that runs and audits show
// that the loaded labels differ from the folders on disk.
import type { AppliedErratum } from './dataset';

export interface BusvErratum {
  /** Video folder name, under rawframes/<class>/. */
  id: string;
  /** Class folder the release puts it in. */
  folder: 'benign' | 'malignant';
  action: 'drop' | 'relabel';
  to?: 'benign' | 'malignant';
  reason: string;
}

export const BUSV_ERRATA: readonly BusvErratum[] = [
  {
    id: 'x66ef02e7f1b9a0ef',
    folder: 'benign',
    action: 'drop',
    reason: 'duplicate of malignant/x3b88488853e8b7d1',
  },
  { id: 'x63c9ba1377f35bf6', folder: 'benign', action: 'relabel', to: 'malignant', reason: 'malignant lesion filed as benign' },
  { id: 'x5a1c46ec6377e946', folder: 'benign', action: 'relabel', to: 'malignant', reason: 'malignant lesion filed as benign' },
];

export interface ErrataResult<T> {
  kept: Array<T & { className: string }>;
  applied: AppliedErratum[];
}

/**
 * Applies the errata to videos found as (folder class, id); ids not present are left alone. A
 * dropped duplicate is dropped even if its twin is missing from this copy: the note says so.
 */
export function applyBusvErrata<T extends { id: string; className: string }>(
  videos: readonly T[],
  errata: readonly BusvErratum[] = BUSV_ERRATA,
): ErrataResult<T> {
  const present = new Set(videos.map((v) => `${v.className}/${v.id}`));
  const kept: Array<T & { className: string }> = [];
  const applied: AppliedErratum[] = [];
  for (const video of videos) {
    const e = errata.find((x) => x.id === video.id && x.folder === video.className);
    if (!e) {
      kept.push(video);
    } else if (e.action === 'drop') {
      const twin = /^duplicate of (\S+)$/.exec(e.reason)?.[1];
      const note = twin && !present.has(twin) ? ` (${twin} is not in this copy)` : '';
      applied.push({ id: e.id, action: 'drop', from: e.folder, reason: e.reason + note });
    } else {
      kept.push({ ...video, className: e.to! });
      applied.push({ id: e.id, action: 'relabel', from: e.folder, to: e.to, reason: e.reason });
    }
  }
  return { kept, applied };
}

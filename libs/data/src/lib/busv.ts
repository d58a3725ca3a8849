// BUSV loader. The official layout (and what the phantom writes):
//   <root>/rawframes/{benign,malignant}/<video id>/000000.png ...
//   <root>/*.json   optional COCO/ImageNet-VID annotations, checked against the frames
//                   (also <root>/annotations/*.json, where some copies keep them)
// Labels come from the class folder (benign 0, malignant 1), then the known errata are applied
// (busv-errata.ts). Nothing is decoded here: a video is the ordered list of its frame files.
import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { checkBusvAnnotations } from './busv-annotation-check';
import { applyBusvErrata, BUSV_ERRATA, type BusvErratum } from './busv-errata';
import type { AnnotationSummary, VideoDataset, VideoEntry } from './dataset';
import { DataError } from './errors';
import { orderFrames } from './frame-order';
import { extensionOf, listDir, requireDir } from './listing';

export const BUSV_CLASSES = ['benign', 'malignant'] as const;

export interface LoadBusvOptions {
  /** Apply the known errata of the release (default true); false keeps the folders' labels. */
  errata?: boolean | readonly BusvErratum[];
  /** Check the annotation JSON files beside rawframes/ (default true). */
  checkAnnotations?: boolean;
}

const LAYOUT = 'a BUSV folder holding rawframes/benign/<id>/000000.png ... and rawframes/malignant/...';

export async function loadBusv(dir: string, options: LoadBusvOptions = {}): Promise<VideoDataset> {
  const given = resolve(dir);
  requireDir(given, LAYOUT, 'pass the folder that holds rawframes/ (e.g. the phantom\'s busv/ folder)');
  // Accept the rawframes folder itself as well as its parent.
  const root = basename(given) === 'rawframes' ? resolve(given, '..') : given;
  const rawframes = join(root, 'rawframes');
  requireDir(rawframes, LAYOUT, 'pass the folder that holds rawframes/, or use --videos for a folder of class sub-folders');
  const top = await listDir(rawframes);
  const notes: string[] = top.dirs.filter((d) => !(BUSV_CLASSES as readonly string[]).includes(d)).map((d) => `ignored rawframes/${d}/ (not a BUSV class)`);

  const found: Array<Omit<VideoEntry, 'label'>> = [];
  const framesOnDisk = new Map<string, Set<string>>();
  for (const cls of BUSV_CLASSES) {
    const classDir = join(rawframes, cls);
    requireDir(classDir, `the ${cls} class folder of ${LAYOUT}`, `create rawframes/${cls}/ with one folder of frames per video`);
    const { dirs } = await listDir(classDir);
    if (dirs.length === 0) throw new DataError(classDir, 'class folder holds no videos', `add one folder of frames per ${cls} video`);
    for (const id of dirs) {
      const videoDir = join(classDir, id);
      const names = orderFrames(videoDir, (await listDir(videoDir)).files);
      if (names.length === 0) throw new DataError(videoDir, 'video folder holds no frames (png or jpg)', 'add its frames or remove the folder');
      framesOnDisk.set(`${cls}/${id}`, new Set(names));
      found.push({
        id,
        className: cls,
        relPath: `rawframes/${cls}/${id}`,
        source: { kind: 'frames', paths: names.map((n) => join(videoDir, n)) },
        frameCount: names.length,
      });
    }
  }
  // Ids identify videos in splits and caches, so they must be unique across the classes.
  const seen = new Set<string>();
  for (const v of found) {
    if (seen.has(v.id)) throw new DataError(join(rawframes, v.className, v.id), 'the same video id is in both class folders', 'keep the video in one class folder only');
    seen.add(v.id);
  }

  const errata = options.errata === false ? [] : options.errata === true || options.errata === undefined ? BUSV_ERRATA : options.errata;
  const { kept, applied } = applyBusvErrata(found, errata);
  const alsoAllowed = new Map(applied.filter((a) => a.to).map((a) => [`${a.from}/${a.id}`, a.to!]));

  // The release's two files sit beside rawframes/; some copies repeat them under annotations/.
  const annotations: AnnotationSummary[] = [];
  const jsonFiles = [...(await jsonIn(root, '')), ...(await jsonIn(root, 'annotations'))];
  if (options.checkAnnotations !== false) {
    for (const f of jsonFiles) annotations.push({ ...(await checkBusvAnnotations(join(root, f), { frames: framesOnDisk, alsoAllowed })), file: f });
  }

  const videos: VideoEntry[] = kept.map((v) => ({ ...v, label: (BUSV_CLASSES as readonly string[]).indexOf(v.className) }));
  const files = [...jsonFiles, ...videos.flatMap((v) => framesOf(v).map((n) => `${v.relPath}/${n}`))];
  return { kind: 'busv', root, classes: BUSV_CLASSES, videos, errata: applied, annotations, files, notes };
}

async function jsonIn(root: string, sub: string): Promise<string[]> {
  const dir = join(root, sub);
  if (sub !== '' && !existsSync(dir)) return [];
  return (await listDir(dir)).files.filter((f) => extensionOf(f) === 'json').map((f) => (sub ? `${sub}/${f}` : f));
}

const framesOf = (v: Omit<VideoEntry, 'label'>): string[] =>
  v.source.kind === 'frames' ? v.source.paths.map((p) => basename(p)) : [];

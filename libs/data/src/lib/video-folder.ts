// Generic video loader: <root>/<class>/ holds videos, each either a container file (mp4, avi,
// mov, mpeg/mpg, gif) or a folder of frame images (ordered as in frame-order.ts). Containers are
// opened once here by ffmpeg without decoding, to count frames and to fail early on a file it
// cannot read.
import { join } from 'node:path';
import { classFolders, emptyClass, type ClassMapping } from './class-folders';
import type { VideoDataset, VideoEntry } from './dataset';
import { DataError } from './errors';
import { probeVideo } from './ffmpeg';
import { orderFrames } from './frame-order';
import { extensionOf, listDir, stemOf, VIDEO_EXTENSIONS } from './listing';

const LAYOUT = '<root>/<class>/ holding video files (mp4, avi, mov, mpeg, gif) or folders of frames';

export interface VideoFolderOptions {
  /** Merge / drop / order class folders (data.classes; class-folders.ts). */
  classes?: ClassMapping;
  /**
   * Resample every container to this frame rate (data.fps), so that clip length means the same
   * time span across sources. Frame folders carry no rate and are taken as they are (noted).
   */
  fps?: number;
}

export async function loadVideoFolder(dir: string, options: VideoFolderOptions = {}): Promise<VideoDataset> {
  const { fps } = options;
  if (fps !== undefined && !(fps > 0 && Number.isFinite(fps))) throw new RangeError(`video folder: fps must be a positive number, got ${fps}`);
  const { root, classes, folders, dropped } = await classFolders(dir, LAYOUT, options.classes);
  const videos: VideoEntry[] = [];
  const files: string[] = [];
  const notes: string[] = dropped.map((d) => `ignored ${d}/ (not named by data.classes)`);
  for (const { folder: cls, label, className } of folders) {
    const classDir = join(root, cls);
    const listing = await listDir(classDir);
    const before = videos.length;
    for (const name of listing.files) {
      if (!VIDEO_EXTENSIONS.has(extensionOf(name))) {
        notes.push(`ignored ${cls}/${name} (not a video file)`);
        continue;
      }
      const path = join(classDir, name);
      const probe = await probeVideo(path);
      if (fps !== undefined && probe.fps === null) notes.push(`${cls}/${name} states no frame rate: decoded frame for frame, not resampled to ${fps} fps`);
      const resample = fps !== undefined && probe.fps !== null;
      // Resampled: the count the rate change implies; clips use the decoder's own count.
      const frameCount = resample ? Math.max(1, Math.round((probe.frames * fps) / probe.fps!)) : probe.frames;
      const source = resample ? { kind: 'file' as const, path, fps, nativeFps: probe.fps } : { kind: 'file' as const, path, nativeFps: probe.fps };
      videos.push({ id: `${cls}/${stemOf(name)}`, label, className, relPath: `${cls}/${name}`, source, frameCount });
      files.push(`${cls}/${name}`);
    }
    for (const sub of listing.dirs) {
      const videoDir = join(classDir, sub);
      const names = orderFrames(videoDir, (await listDir(videoDir)).files);
      if (names.length === 0) throw new DataError(videoDir, 'video folder holds no frames (png or jpg)', 'add its frames or remove the folder');
      if (fps !== undefined) notes.push(`${cls}/${sub}: a folder of frames has no frame rate; taken as recorded at ${fps} fps`);
      videos.push({ id: `${cls}/${sub}`, label, className, relPath: `${cls}/${sub}`, source: { kind: 'frames', paths: names.map((n) => join(videoDir, n)) }, frameCount: names.length });
      files.push(...names.map((n) => `${cls}/${sub}/${n}`));
    }
    if (videos.length === before) throw emptyClass(root, cls, 'videos');
  }
  // "a.mp4" beside a frame folder "a" would give two videos one id.
  const seen = new Set<string>();
  for (const v of videos) {
    if (seen.has(v.id)) throw new DataError(join(root, v.relPath), `another video of ${v.className} has the same name (${v.id})`, 'rename one of them');
    seen.add(v.id);
  }
  videos.sort((a, b) => a.label - b.label || (a.id < b.id ? -1 : 1));
  return { kind: 'videos', root, classes, videos, errata: [], annotations: [], files, notes };
}

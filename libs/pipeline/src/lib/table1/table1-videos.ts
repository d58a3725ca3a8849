// The two video sets Table 1 compares: the real first clip of each test video (what synthesis
// took x0 from) and the generated samples of each of those conditions, read back from the
// synthesis run's BUSV folder and put in the same order: [conditions, samples, T, H, W, 1].
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { clipPreprocess, loadBusv, loadClips, type ClipSet } from '@lddm/data';
import type { PipelineContext } from '../context';

export interface Table1Videos {
  /** The real clips, one per test video: [N, T, H, W, 1]. */
  real: ClipSet;
  /** Generated clips ordered condition-major: video i's sample k is row i * samples + k. */
  generated: Float32Array;
  samples: number;
  /** [T, H, W] of every clip (real and generated agree). */
  clip: [number, number, number];
}

interface ManifestEntry {
  id: string;
  testVideo?: string;
}

/** Reads the synthesis videos at `busvDir` and orders them by the real clips' conditions. */
export async function loadTable1Videos(ctx: Pick<PipelineContext, 'profile'>, busvDir: string, real: ClipSet, samples: number): Promise<Table1Videos> {
  const manifest = JSON.parse(readFileSync(join(busvDir, '..', 'manifest.json'), 'utf8')) as { videos: ManifestEntry[] };
  // Generated videos hold framesPerClip frames: one clip each, taken whole.
  const t = ctx.profile.data.framesPerClip;
  const preprocess = { ...clipPreprocess(ctx.profile.data), clipLength: t, clipStride: t };
  const loaded = await loadClips(await loadBusv(busvDir), preprocess, { cacheDir: false });
  const gen = loaded.value;
  const [, rt, rh, rw] = real.shape;
  const [, gt, gh, gw] = gen.shape;
  if (rt !== gt || rh !== gh || rw !== gw) throw new Error(`table1: generated clips are ${gt}x${gh}x${gw}, the real ones ${rt}x${rh}x${rw}`);
  const rowOf = new Map(gen.videoIds.map((id, i) => [id, i]));
  // The manifest lists a condition's samples in sample order (ids <video>-s<k>).
  const byCondition = new Map<string, string[]>();
  for (const e of manifest.videos) if (e.testVideo !== undefined) byCondition.set(e.testVideo, [...(byCondition.get(e.testVideo) ?? []), e.id]);
  const size = rt * rh * rw;
  const generated = new Float32Array(real.count * samples * size);
  real.videoIds.forEach((videoId, i) => {
    const ids = byCondition.get(videoId) ?? [];
    if (ids.length !== samples) throw new Error(`table1: test video ${videoId} has ${ids.length} generated samples in ${busvDir}, expected ${samples}`);
    ids.forEach((id, k) => {
      const row = rowOf.get(id);
      if (row === undefined) throw new Error(`table1: generated video ${id} is in the manifest but was not loaded from ${busvDir}`);
      generated.set(gen.data.subarray(row * size, (row + 1) * size), (i * samples + k) * size);
    });
  });
  return { real, generated, samples, clip: [rt, rh, rw] };
}

/** Sample k of every condition: [N, T, H, W] values. */
export function sampleOf(videos: Table1Videos, k: number): Float32Array {
  const [t, h, w] = videos.clip;
  const size = t * h * w;
  const n = videos.real.count;
  const out = new Float32Array(n * size);
  for (let i = 0; i < n; i++) out.set(videos.generated.subarray((i * videos.samples + k) * size, (i * videos.samples + k + 1) * size), i * size);
  return out;
}

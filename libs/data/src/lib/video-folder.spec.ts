import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectDataError, frameValue, tempDir, writeFrameFolder, writeVideoFile } from '../../test/fixtures';
import { buildClips } from './build-clips';
import { toClipSet } from './clip-set';
import { decodeVideo, probeVideo } from './ffmpeg';
import type { ClipPreprocess } from './preprocess';
import { loadVideoFolder } from './video-folder';
import { imageToVideoLabels } from './class-folders';

const CONFIG: ClipPreprocess = { size: 8, fit: 'fill', normalization: 'minus1-1', clipLength: 8, clipStride: 8, framesPerClip: 4, short: 'skip' };

describe('generic video folders', () => {
  const root = tempDir();
  beforeAll(async () => {
    await writeVideoFile(join(root, 'cats/walk.mp4'), 20);
    await writeVideoFile(join(root, 'dogs/run.gif'), 13);
    await writeFrameFolder(join(root, 'dogs/sit'), 5);
    writeFileSync(join(root, 'dogs/README.txt'), 'not a video');
  });

  it('decodes an mp4 and a gif made with the shipped ffmpeg: frame count and size', async () => {
    const mp4 = await decodeVideo(join(root, 'cats/walk.mp4'), 8, 'fill');
    expect(mp4.frames).toBe(20);
    expect(mp4.pixels.length).toBe(20 * 8 * 8);
    const gif = await decodeVideo(join(root, 'dogs/run.gif'), 6, 'cover');
    expect(gif.frames).toBe(13);
    expect(gif.pixels.length).toBe(13 * 6 * 6);
    // flat frames stay flat and keep their value (within codec rounding)
    for (const [decoded, n] of [[mp4, 20], [gif, 13]] as const) {
      const side = Math.sqrt(decoded.pixels.length / n);
      for (let f = 0; f < n; f++) expect(Math.abs(decoded.pixels[f * side * side + 3] - frameValue(f))).toBeLessThanOrEqual(3);
    }
  });

  it('loads classes from folder names (sorted), videos from files and frame folders', async () => {
    const ds = await loadVideoFolder(root);
    expect(ds.classes).toEqual(['cats', 'dogs']);
    expect(ds.videos.map((v) => [v.id, v.label, v.frameCount, v.source.kind])).toEqual([
      ['cats/walk', 0, 20, 'file'],
      ['dogs/run', 1, 13, 'file'],
      ['dogs/sit', 1, 5, 'frames'],
    ]);
    expect(ds.notes).toEqual(['ignored dogs/README.txt (not a video file)']);
    expect(ds.files).toEqual(['cats/walk.mp4', 'dogs/run.gif', 'dogs/sit/000000.png', 'dogs/sit/000001.png', 'dogs/sit/000002.png', 'dogs/sit/000003.png', 'dogs/sit/000004.png']);
  });

  it('clips them: counts, sampled frames, values in [-1, 1], short video skipped and recorded', async () => {
    const ds = await loadVideoFolder(root);
    const { value, decoded } = await buildClips(ds, CONFIG, { progress: false });
    const set = toClipSet(value);
    expect(set.shape).toEqual([3, 4, 8, 8, 1]);
    expect(set.videoIds).toEqual(['cats/walk', 'cats/walk', 'dogs/run']);
    expect([...set.clipIndex]).toEqual([0, 1, 0]);
    expect([...set.startFrame]).toEqual([0, 8, 0]);
    expect([...set.labels]).toEqual([0, 0, 1]);
    expect(set.skipped).toEqual([{ videoId: 'dogs/sit', reason: '5 frames, shorter than one 8-frame clip' }]);
    expect(decoded).toBe(20 + 13);
    expect(Math.min(...set.data)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...set.data)).toBeLessThanOrEqual(1);
    // clip 1 of walk.mp4 holds frames 8, 10, 12, 14
    const frame = 64;
    const clip1 = set.data.subarray(4 * frame, 8 * frame);
    [8, 10, 12, 14].forEach((f, k) => expect(Math.abs(clip1[k * frame] - (frameValue(f) / 127.5 - 1))).toBeLessThan(0.03));
  });

  describe('bad input', () => {
    it('an unreadable video', async () => {
      const dir = tempDir();
      await writeVideoFile(join(dir, 'a/ok.mp4'), 3);
      mkdirSync(join(dir, 'b'));
      writeFileSync(join(dir, 'b/broken.mp4'), 'this is not a video');
      await expectDataError(loadVideoFolder(dir), join(dir, 'b/broken.mp4'), /ffmpeg cannot read it as a video/);
    });

    it('an empty class folder', async () => {
      const dir = tempDir();
      await writeVideoFile(join(dir, 'a/ok.gif'), 3);
      mkdirSync(join(dir, 'b'));
      writeFileSync(join(dir, 'b/notes.txt'), '');
      await expectDataError(loadVideoFolder(dir), join(dir, 'b'), /class folder holds no videos/);
    });

    it('a missing folder, and a folder without class folders', async () => {
      await expectDataError(loadVideoFolder('/nonexistent/videos'), '/nonexistent/videos', /no such folder/);
      const dir = tempDir();
      writeFileSync(join(dir, 'clip.mp4'), '');
      await expectDataError(loadVideoFolder(dir), dir, /holds no class sub-folders/);
    });
  });
});

describe('frame rates (data.fps)', () => {
  const root = tempDir();
  beforeAll(async () => {
    await writeVideoFile(join(root, 'a/fast.mp4'), 30, 32, 24, 30); // 1 s at 30 fps
    await writeVideoFile(join(root, 'a/slow.avi'), 10, 32, 24, 10); // 1 s at 10 fps
    await writeVideoFile(join(root, 'b/loop.gif'), 10, 16, 16, 10);
    await writeFrameFolder(join(root, 'b/frames'), 6);
  });

  it('probes each container: frames, stated rate, size', async () => {
    expect(await probeVideo(join(root, 'a/fast.mp4'))).toEqual({ frames: 30, fps: 30, width: 32, height: 24 });
    expect(await probeVideo(join(root, 'a/slow.avi'))).toMatchObject({ frames: 10, fps: 10, width: 32, height: 24 });
    expect(await probeVideo(join(root, 'b/loop.gif'))).toMatchObject({ frames: 10, fps: 10, width: 16, height: 16 });
  });

  it('without fps: every decoded frame, native rates recorded', async () => {
    const ds = await loadVideoFolder(root);
    expect(ds.videos.map((v) => [v.id, v.frameCount, v.source.kind === 'file' ? v.source.nativeFps : 'frames'])).toEqual([
      ['a/fast', 30, 30],
      ['a/slow', 10, 10],
      ['b/frames', 6, 'frames'],
      ['b/loop', 10, 10],
    ]);
  });

  it('with fps 10: a 1-second clip has 10 frames whatever its source rate; frame folders noted', async () => {
    const ds = await loadVideoFolder(root, { fps: 10 });
    expect(ds.videos.filter((v) => v.source.kind === 'file').map((v) => v.frameCount)).toEqual([10, 10, 10]);
    const fast = ds.videos[0];
    expect(fast.source).toMatchObject({ kind: 'file', fps: 10, nativeFps: 30 });
    const decoded = await decodeVideo(join(root, 'a/fast.mp4'), 8, 'fill', 10);
    expect(decoded.frames).toBe(10);
    // frame k of the 10 fps stream is one of source frames 3k .. 3k + 2 (ffmpeg rounds timestamps)
    for (let k = 0; k < 10; k++) {
      const v = decoded.pixels[k * 64 + 3];
      expect([0, 1, 2].some((j) => Math.abs(v - frameValue(3 * k + j)) <= 3), `frame ${k}: ${v}`).toBe(true);
    }
    expect(ds.notes).toContain('b/frames: a folder of frames has no frame rate; taken as recorded at 10 fps');
    await expect(loadVideoFolder(root, { fps: 0 })).rejects.toThrow(/fps must be a positive number/);
  });
});

describe('class mapping (data.classes)', () => {
  const root = tempDir();
  beforeAll(async () => {
    await writeFrameFolder(join(root, 'normal/n1'), 4);
    await writeFrameFolder(join(root, 'cyst/c1'), 4);
    await writeFrameFolder(join(root, 'nodule/d1'), 4);
    await writeFrameFolder(join(root, 'other/o1'), 4);
  });

  it('merges folders into classes in the mapping order and drops the rest (noted)', async () => {
    const ds = await loadVideoFolder(root, { classes: { positive: ['cyst', 'nodule'], negative: ['normal'] } });
    expect(ds.classes).toEqual(['positive', 'negative']);
    expect(ds.videos.map((v) => [v.id, v.label, v.className])).toEqual([
      ['cyst/c1', 0, 'positive'],
      ['nodule/d1', 0, 'positive'],
      ['normal/n1', 1, 'negative'],
    ]);
    expect(ds.notes).toContain('ignored other/ (not named by data.classes)');
    expect(ds.files.some((f) => f.startsWith('other/'))).toBe(false);
  });

  it('refuses a missing folder, a folder in two classes and a one-class mapping, naming what to fix', async () => {
    await expectDataError(loadVideoFolder(root, { classes: { a: ['cyst'], b: ['tumour'] } }), join(root, 'tumour'), /no such folder \(found: cyst, nodule, normal, other\); fix the folder name/);
    await expectDataError(loadVideoFolder(root, { classes: { a: ['cyst'], b: ['cyst'] } }), 'data.classes', /"cyst" is in both "a" and "b"/);
    await expectDataError(loadVideoFolder(root, { classes: { a: ['cyst', 'nodule'] } }), 'data.classes', /maps onto 1 class/);
  });

  it('image classes must be video classes', () => {
    expect(imageToVideoLabels(['b', 'a'], ['a', 'b', 'c'], '/img')).toEqual([1, 0]);
    expect(() => imageToVideoLabels(['a', 'x'], ['a', 'b'], '/img')).toThrow(/^\/img\/x: image class "x" is not a video class \(video classes: a, b\); map it onto a video class/);
  });
});

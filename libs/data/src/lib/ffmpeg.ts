// Video containers (mp4, avi, mov, mpeg, gif) through the static ffmpeg binary that
// @ffmpeg-installer/ffmpeg ships: no system ffmpeg is assumed. Frames come out as 8-bit gray
// (ffmpeg's BT.601 luma) already at the target size.
import { spawn } from 'node:child_process';
import { DataError } from './errors';
import type { Fit } from './fit';

let binary: Promise<string> | undefined;

/** Path of the shipped ffmpeg binary. */
export function ffmpegPath(): Promise<string> {
  binary ??= import('@ffmpeg-installer/ffmpeg').then((m) => m.default.path);
  return binary;
}

interface Ran {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

export async function runFfmpeg(args: readonly string[], logLevel: 'error' | 'info' = 'error'): Promise<Ran> {
  const bin = await ffmpegPath();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(bin, ['-hide_banner', '-nostdin', '-v', logLevel, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout: Buffer.concat(out), stderr: err }));
  });
}

const HINT = 'check that it is a complete mp4/avi/mov/mpeg/gif video, or move it out of the dataset';

function unreadable(file: string, ran: Ran): DataError {
  const last = ran.stderr.trim().split('\n').pop()?.trim() || `ffmpeg exited with code ${ran.code}`;
  return new DataError(file, `ffmpeg cannot read it as a video (${last})`, HINT);
}

/** Frames in the first video stream, counted from packets by a stream copy (no decoding). */
export async function countVideoFrames(file: string): Promise<number> {
  return (await probeVideo(file)).frames;
}

export interface VideoProbe {
  /** Frames in the first video stream (packets, counted by a stream copy: no decoding). */
  frames: number;
  /** The stream's frame rate as the container states it (fps, else tbr); null if it states none. */
  fps: number | null;
  width: number;
  height: number;
}

/** What a container holds, read in one ffmpeg pass without decoding. */
export async function probeVideo(file: string): Promise<VideoProbe> {
  const ran = await runFfmpeg(['-i', file, '-map', '0:v:0', '-c', 'copy', '-f', 'null', '-progress', 'pipe:1', '-nostats', '-'], 'info');
  if (ran.code !== 0) throw unreadable(file, ran);
  const counts = [...ran.stdout.toString().matchAll(/^frame=(\d+)/gm)].map((m) => Number(m[1]));
  const frames = counts.at(-1) ?? 0;
  if (frames === 0) throw new DataError(file, 'holds no video frames', HINT);
  // e.g. "Stream #0:0(und): Video: h264 (High) (avc1 / 0x31637661), yuv420p, 640x480 [SAR 1:1 DAR 4:3], 29.97 fps, 29.97 tbr, ..."
  const stream = ran.stderr.split('\n').find((line) => /Stream #0:\d+.*: Video:/.test(line)) ?? '';
  const size = /, (\d+)x(\d+)[ ,]/.exec(stream);
  const rate = /, ([\d.]+) fps/.exec(stream) ?? /, ([\d.]+)k? tbr/.exec(stream);
  return { frames, fps: rate === null ? null : Number(rate[1]), width: size === null ? 0 : Number(size[1]), height: size === null ? 0 : Number(size[2]) };
}

function scaleFilter(size: number, fit: Fit): string {
  const s = `${size}:${size}`;
  switch (fit) {
    case 'fill':
      return `scale=${s}:flags=bilinear`;
    case 'cover':
      return `scale=${s}:flags=bilinear:force_original_aspect_ratio=increase,crop=${s}`;
    case 'contain':
      return `scale=${s}:flags=bilinear:force_original_aspect_ratio=decrease,pad=${s}:(ow-iw)/2:(oh-ih)/2`;
  }
}

/**
 * Every frame of `file` as gray bytes, size x size, frame after frame. With `fps`, the stream is
 * first resampled to that rate (ffmpeg's fps filter: frames dropped or repeated by timestamp),
 * so that a clip of n frames spans the same time in every source.
 */
export async function decodeVideo(file: string, size: number, fit: Fit, fps?: number): Promise<{ pixels: Uint8Array; frames: number }> {
  // passthrough: one output frame per decoded frame, none duplicated or dropped to fit a rate.
  const rate = fps === undefined ? ['-vsync', 'passthrough'] : [];
  const filters = [...(fps === undefined ? [] : [`fps=${fps}`]), scaleFilter(size, fit), 'format=gray'];
  const args = ['-i', file, '-map', '0:v:0', ...rate, '-vf', filters.join(',')];
  const ran = await runFfmpeg([...args, '-f', 'rawvideo', '-pix_fmt', 'gray', '-']);
  if (ran.code !== 0) throw unreadable(file, ran);
  const frameBytes = size * size;
  const frames = Math.floor(ran.stdout.length / frameBytes);
  if (frames === 0) throw new DataError(file, 'decodes to no frames', HINT);
  return { pixels: new Uint8Array(ran.stdout.buffer, ran.stdout.byteOffset, frames * frameBytes), frames };
}

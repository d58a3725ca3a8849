// 8-bit grayscale PNG output through sharp, with a bounded number of encodes in flight so that
// rendering (on this thread) and encoding (on libvips' threads) overlap without queueing
// thousands of buffers in memory.
import sharp from 'sharp';

/** Encode `pixels` (width x height, one byte per pixel) as a grayscale PNG at `path`. */
export async function writeGrayPng(path: string, pixels: Uint8Array, width: number, height: number): Promise<void> {
  // b-w keeps one channel: without it sharp would write an RGB PNG.
  await sharp(pixels, { raw: { width, height, channels: 1 } })
    .toColourspace('b-w')
    .png({ compressionLevel: 6, adaptiveFiltering: false })
    .toFile(path);
}

/** Runs async jobs with at most `limit` in flight; `drain` waits for all and rethrows a failure. */
export class Pool {
  private readonly running = new Set<Promise<void>>();
  private failure: unknown = undefined;

  constructor(private readonly limit: number) {}

  /** Start `job`, first waiting for a free slot. */
  async add(job: () => Promise<void>): Promise<void> {
    while (this.running.size >= this.limit) await Promise.race(this.running);
    this.throwIfFailed();
    const p: Promise<void> = job()
      .catch((err: unknown) => {
        this.failure ??= err;
      })
      .finally(() => this.running.delete(p));
    this.running.add(p);
  }

  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.race(this.running);
    this.throwIfFailed();
  }

  private throwIfFailed(): void {
    if (this.failure !== undefined) throw this.failure;
  }
}

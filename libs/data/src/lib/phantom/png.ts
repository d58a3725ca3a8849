// 8-bit grayscale PNG output. The encoder is written out here (PNG 1.2: IHDR, one IDAT, IEND)
// rather than going through sharp, because the default set is ~20,000 small frames and sharp's
// per-call pipeline set-up cost ~1.5 ms of CPU per 128x128 frame against ~0.35 ms for zlib
// directly; the "sub" row filter also makes the files ~25% smaller. Files are byte-identical
// for identical pixels (zlib is deterministic). Readers (sharp, PIL, browsers) read them as usual.
import { writeFile } from 'node:fs/promises';
import { constants, crc32, deflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** PNG bytes for `pixels` (width x height, one byte per pixel, row-major). */
export function encodeGrayPng(pixels: Uint8Array, width: number, height: number): Buffer {
  if (pixels.length !== width * height) {
    throw new Error(`encodeGrayPng: ${pixels.length} bytes for ${width}x${height}`);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // colour type: grayscale
  // Each row: filter type 1 ("sub": difference from the pixel to the left), then the row.
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) {
    const o = y * (width + 1);
    const p = y * width;
    raw[o] = 1;
    raw[o + 1] = pixels[p];
    for (let x = 1; x < width; x++) raw[o + 1 + x] = (pixels[p + x] - pixels[p + x - 1]) & 255;
  }
  // Run-length strategy: speckle has no long repeats for LZ77 to find, so Z_RLE gives the same
  // size as the default at half its time (0.18 vs 0.36 ms per 128x128 frame).
  const idat = deflateSync(raw, { level: 6, strategy: constants.Z_RLE });
  return Buffer.concat([SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}

export async function writeGrayPng(path: string, pixels: Uint8Array, width: number, height: number): Promise<void> {
  await writeFile(path, encodeGrayPng(pixels, width, height));
}

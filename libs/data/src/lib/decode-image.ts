// One image file (png, jpg) to size x size gray bytes with sharp. Colour images become
// luminance, alpha is dropped, and the resize is bilinear.
import sharp from 'sharp';
import { DataError, errorLine } from './errors';
import type { Fit } from './fit';

const SHARP_FIT = { fill: 'fill', cover: 'cover', contain: 'contain' } as const;

export async function decodeImage(file: string, size: number, fit: Fit): Promise<Uint8Array> {
  try {
    const { data, info } = await sharp(file)
      .removeAlpha()
      .greyscale()
      .resize(size, size, { fit: SHARP_FIT[fit], kernel: 'linear', background: { r: 0, g: 0, b: 0 } })
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 1 || data.length !== size * size) throw new Error(`unexpected decode ${info.width}x${info.height}x${info.channels}`);
    return new Uint8Array(data.buffer, data.byteOffset, data.length);
  } catch (error) {
    throw new DataError(file, `cannot be decoded as an image (${errorLine(error)})`, 'replace the file with an intact png/jpg or delete it');
  }
}

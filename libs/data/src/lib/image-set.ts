// Lesion images (BUSI) as condition frames x0 for synthesis: one Float32Array [N, H, W, 1] in
// the networks' range, preprocessed exactly as the clips' frames are.
import { createProgress } from '@lddm/runtime';
import type { BuildOptions, Built } from './build-clips';
import type { ImageDataset } from './dataset';
import { decodeImage } from './decode-image';
import { normalizeInto, type ImagePreprocess } from './preprocess';

export interface RawImages {
  /** [N, H, W] gray bytes. */
  pixels: Uint8Array;
  count: number;
  labels: Int32Array;
  ids: string[];
  classes: string[];
  config: ImagePreprocess;
}

export interface ImageSet extends Omit<RawImages, 'pixels'> {
  shape: [number, number, number, 1];
  data: Float32Array;
}

export function toImageSet(raw: RawImages): ImageSet {
  const { pixels, ...rest } = raw;
  const s = raw.config.size;
  return { ...rest, shape: [raw.count, s, s, 1], data: normalizeInto(new Float32Array(pixels.length), pixels, raw.config.normalization) };
}

const BATCH = 8; // sharp decodes in parallel on libvips' threads

export async function buildImages(dataset: ImageDataset, config: ImagePreprocess, options: BuildOptions = {}): Promise<Built<RawImages>> {
  const frame = config.size * config.size;
  const n = dataset.images.length;
  const show = options.progress ?? n >= 200;
  const progress = show ? createProgress({ label: 'images', total: n, unit: 'image', stream: typeof show === 'object' ? show : undefined }) : undefined;
  const pixels = new Uint8Array(n * frame);
  for (let i = 0; i < n; i += BATCH) {
    const batch = dataset.images.slice(i, i + BATCH);
    const decoded = await Promise.all(batch.map((img) => decodeImage(img.path, config.size, config.fit)));
    decoded.forEach((d, k) => pixels.set(d, (i + k) * frame));
    progress?.tick(batch.length);
  }
  progress?.done();
  const value: RawImages = {
    pixels,
    count: n,
    labels: Int32Array.from(dataset.images, (img) => img.label),
    ids: dataset.images.map((img) => img.id),
    classes: [...dataset.classes],
    config,
  };
  return { value, decoded: n };
}

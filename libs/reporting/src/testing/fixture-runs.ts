// Fixture runs that follow the contract (contract.ts), for the report's tests: a small registry
// with known numbers, so a test can check the rendered tables against values it can compute.
import { join } from 'node:path';
import { runKey, type Registry, type RunHandle } from '@lddm/registry';
import { writeFileAtomic } from '@lddm/runtime/files';
import sharp from 'sharp';

const BACKEND = { name: 'wasm', version: '4.22.0', threads: 1 };

/** Classifier results written by seedFixtureRuns: [model, ratio, regime, seed, accuracy, f1] (fractions). */
export const FIXTURE_CLASSIFIER_RESULTS = [
  ['c3d', '7:3', 'real', 1, 0.7, 0.66],
  ['c3d', '7:3', 'real', 2, 0.74, 0.7],
  ['c3d', '7:3', 'synthetic:lddm', 1, 0.6, 0.58],
  ['c3d', '7:3', 'synthetic:lddm', 2, 0.64, 0.6],
  ['c3d', '7:3', 'real+synthetic:lddm', 1, 0.8, 0.78],
  ['c3d', '7:3', 'real+synthetic:lddm', 2, 0.76, 0.74],
  ['c3d', '3:7', 'real', 1, 0.62, 0.6],
  ['c3d', '3:7', 'real+synthetic:cinn', 1, 0.66, 0.64],
  ['tsm', '5:5', 'real', 1, 0.73, 0.72],
] as const;

/** Table 1 rows written: generator, ratio, metric values. */
export const FIXTURE_TABLE1 = {
  lddm: { fvd: 61.5, dtfvd: 0.55, lpips: 0.3, div: 1.4, ssim: 0.71, psnr: 21.5 },
  cinn: { fvd: 70.25, dtfvd: 0.7, lpips: 0.36, div: 1.9, ssim: 0.66, psnr: 20.1 },
} as const;

export const FIXTURE_WEIGHTS_SHA = 'ab'.repeat(32);

let counter = 0;
function start(registry: Registry, kind: string, seed: number, config: unknown = { fixture: true }): RunHandle {
  counter += 1;
  const key = runKey({ kind, config: { config, n: counter }, inputs: [], sourceVersion: 'fixture' });
  return registry.startRun({ kind, key, config, seed, profile: 'smoke', backend: BACKEND, sourceVersion: 'fixture', inputs: ['fp-video-0001'], experiment: 'fixture' });
}

/** A strip image: x0 then 4 frames of a moving bright disc (8-bit grey, 32 px tiles). */
async function frames(n: number, size = 32): Promise<Buffer[]> {
  return Promise.all(
    Array.from({ length: n }, (_, t) => {
      const px = Buffer.alloc(size * size);
      for (let y = 0; y < size; y++)
        for (let x = 0; x < size; x++) px[y * size + x] = (x - 8 - 3 * t) ** 2 + (y - 16) ** 2 < 36 ? 230 : 40 + ((x * 3 + y) % 30);
      return sharp(px, { raw: { width: size, height: size, channels: 1 } }).png().toBuffer();
    }),
  );
}

export async function seedFixtureRuns(registry: Registry, dir: string): Promise<void> {
  registry.recordDataset({ fingerprint: 'fp-video-0001', kind: 'busv', sourcePath: join(dir, 'data', 'phantom-abc', 'busv'), counts: { videos: 188 } });
  registry.recordDataset({ fingerprint: 'fp-image-0001', kind: 'busi', sourcePath: join(dir, 'data', 'phantom-abc', 'busi'), counts: { images: 90 } });
  const data = start(registry, 'data', 0);
  data.logParams({ videoFingerprint: 'fp-video-0001', imageFingerprint: 'fp-image-0001' });
  data.finish();

  for (const [model, ratio, regime, seed, accuracy, f1] of FIXTURE_CLASSIFIER_RESULTS) {
    const run = start(registry, 'classifier', seed, { description: 'smoke profile: tiny sizes', notes: { classifiers: '2 epochs' } });
    run.logParams({ model, ratio, regime, seed, f1Definition: 'binary F1, malignant positive' });
    run.logMetrics([
      { name: 'loss', value: 0.7, step: 0, split: 'train' },
      { name: 'loss', value: 0.5, step: 1, split: 'train' },
      { name: 'accuracy', value: accuracy, split: 'test' },
      { name: 'f1', value: f1, split: 'test' },
      { name: 'accuracy_ci_low', value: accuracy - 0.1, split: 'test' },
      { name: 'accuracy_ci_high', value: accuracy + 0.1, split: 'test' },
      { name: 'f1_ci_low', value: f1 - 0.12, split: 'test' },
      { name: 'f1_ci_high', value: f1 + 0.1, split: 'test' },
    ]);
    run.finish();
  }
  // Not counted: a failed run, and (being older than the results above) nothing else overrides them.
  const failed = start(registry, 'classifier', 3);
  failed.logParams({ model: 'c3d', ratio: '7:3', regime: 'real', seed: 3 });
  failed.logMetrics([{ name: 'accuracy', value: 0.1, split: 'test' }]);
  failed.fail(new Error('diverged'));

  for (const [generator, values] of Object.entries(FIXTURE_TABLE1)) {
    const run = start(registry, 'table1', 0);
    run.logParams({ generator, ratio: '7:3' });
    run.logMetrics(
      Object.entries(values).map(([name, value]) => ({
        name,
        value,
        split: 'test',
        extra: ['ssim', 'psnr'].includes(name)
          ? { extractor: 'none', weightsSha256: null, weightsSource: null }
          : { extractor: name === 'dtfvd' ? 'dtfvd-lite' : 'i3d-lite', weightsSha256: FIXTURE_WEIGHTS_SHA, weightsSource: 'random init (seed 7): no pretrained weights offline' },
      })),
    );
    run.finish();
  }

  for (const kind of ['lddm-stage1', 'lddm-stage2', 'cinn-flow']) {
    const run = start(registry, kind, 0);
    run.logParams({ ratio: '7:3' });
    const curve = Array.from({ length: 12 }, (_, step) => 2 * Math.exp(-step / 4) + 0.1);
    run.logMetrics(curve.map((value, step) => ({ name: 'loss', value, step, split: 'train' })));
    if (kind === 'lddm-stage1') run.logMetrics(curve.map((value, step) => ({ name: 'kl', value: value / 10, step, split: 'train' })));
    run.finish();
  }

  const tiles = await frames(5);
  const strip = await sharp({ create: { width: 5 * 32, height: 32, channels: 3, background: '#000' } })
    .composite(tiles.map((input, i) => ({ input, left: i * 32, top: 0 })))
    .png()
    .toBuffer();
  const synthesis = start(registry, 'synthesis', 0);
  synthesis.logParams({ generator: 'lddm', ratio: '7:3', source: 'test' });
  const stripPath = join(dir, 'artifacts', 'strip-lddm.png');
  await writeFileAtomic(stripPath, strip);
  synthesis.addArtifact({ path: stripPath, kind: 'strip' });
  const gifPath = join(dir, 'artifacts', 'strip-lddm.gif');
  await writeFileAtomic(gifPath, await sharp(tiles.slice(1), { join: { animated: true } }).gif({ loop: 0, delay: 200 }).toBuffer());
  synthesis.addArtifact({ path: gifPath, kind: 'gif' });
  const webpPath = join(dir, 'artifacts', 'strip-lddm.webp');
  await writeFileAtomic(webpPath, await sharp(tiles.slice(1), { join: { animated: true } }).webp({ loop: 0, delay: 200 }).toBuffer());
  synthesis.addArtifact({ path: webpPath, kind: 'webp' });
  synthesis.finish();
}

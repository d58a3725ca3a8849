import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findWorkspaceRoot, loadProfile, parseOverrides } from '@lddm/config';
import { createMetricNetwork, I3d, type I3dExtractor } from '@lddm/metrics';
import { restoreTrainingCheckpoint } from '@lddm/nn';
import { openRegistry, type Registry } from '@lddm/registry';
import { collectTable1, TABLE1_METRICS } from '@lddm/reporting';
import { initBackend, Rng, saveCheckpoint, tf } from '@lddm/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pipelineContext, type PipelineContext } from './context';
import { pipelineData, splitOf } from './datasets';
import { ensureTable1Row } from './table1';
import { ensureInDomainI3d, IN_DOMAIN_CLASSES } from './table1/in-domain-i3d';
import { table1Report } from './table1/table1-report';

// One Table 1 row end to end on the smoke profile (32 px), shrunk: 10 phantom videos, LDDM 1
// epoch per stage, 4 frames; DTFVD uses the FVD extractor here (a 400-d Fréchet distance instead of a 1024-d one,
// whose eigendecomposition alone takes ~40 s on one core), so its features come from the cache.
// The FVD I3D loads its weights from a file the test writes (another seed's I3D): labelled 'file'.
// The in-domain I3D trains 1 epoch (batch 8) on the split's training clips before the row uses it.
let dir: string;
let registry: Registry;
let ctx: PipelineContext;
let weightsFile: string;

beforeAll(async () => {
  await initBackend('wasm');
  dir = mkdtempSync(join(tmpdir(), 'table1-'));
  mkdirSync(join(dir, 'weights'));
  weightsFile = join(dir, 'weights', 'i3d-kinetics400.safetensors');
  const donor = (await createMetricNetwork('i3d-kinetics400', { size: 32, frames: 4, seed: 12345 })) as I3dExtractor;
  await saveCheckpoint(weightsFile, { weights: donor.network.stateDict() });
  donor.dispose();
  registry = openRegistry({ path: join(dir, 'runs.db') });
  const profile = loadProfile('smoke', {
    overrides: parseOverrides([
      'grid.table1.generators=["lddm"]',
      'data.phantom.videos=10',
      'data.phantom.malignant=6',
      'data.phantom.benign=4',
      'lddm.stage1.train.length=1',
      'lddm.stage2.train.length=1',
      'metrics.frames=4',
      'metrics.dtfvd.extractor=i3d-kinetics400',
      'metrics.inDomain.enabled=true',
      'metrics.inDomain.epochs=1',
      'metrics.inDomain.batchSize=8',
      `metrics.weightsDir=${JSON.stringify(join(dir, 'weights'))}`,
      `data.cacheDir=${JSON.stringify(join(dir, 'cache'))}`,
    ]),
  });
  ctx = pipelineContext({ profile, registry, root: findWorkspaceRoot(), stateDir: dir });
});

afterAll(() => {
  registry?.close();
  rmSync(dir, { recursive: true, force: true });
});

const sha256Of = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
let inDomainFile: string;
let inDomainKey: string;

describe('ensureInDomainI3d', () => {
  it('trains a 2-class I3D on the split\'s training clips (loss per step) and writes the weights file the i3d-in-domain extractor loads', async () => {
    const step = await ensureInDomainI3d(ctx, '7:3');
    expect(step.outcome.reused).toBe(false);
    const run = step.outcome.run;
    expect(run).toMatchObject({ kind: 'i3d-in-domain', status: 'finished' });
    const data = await pipelineData(ctx);
    expect(registry.inputs(run.id)).toEqual([data.key]);
    const trainClips = registry.params(run.id)['trainClips'] as number;
    expect(trainClips).toBeGreaterThan(1);
    const losses = registry.metrics(run.id).filter((m) => m.name === 'loss' && m.split === 'train');
    expect(losses).toHaveLength(Math.ceil(trainClips / 8));
    for (const l of losses) expect(l.value).toBeGreaterThan(0);
    const weights = registry.artifacts(run.id).filter((a) => a.kind === 'weights');
    expect(weights).toHaveLength(1);
    inDomainFile = weights[0].path;
    inDomainKey = step.key;
    expect(step.outcome.result).toEqual({ weightsPath: inDomainFile, weightsSha256: sha256Of(inDomainFile) });

    // The extractor loads the file (labelled trained-in-domain); a fresh I3D restored from the
    // training checkpoint gives identical pooled features, the untrained initialisation does not.
    const net = (await createMetricNetwork('i3d-in-domain', { size: 32, frames: 4, seed: 999, classes: IN_DOMAIN_CLASSES, weightsPath: inDomainFile })) as I3dExtractor;
    const trained = new I3d(new Rng(1), { classes: IN_DOMAIN_CLASSES });
    const initial = new I3d(new Rng(step.seed).child('init'), { classes: IN_DOMAIN_CLASSES });
    const checkpoint = registry.artifacts(run.id).find((a) => a.kind === 'checkpoint')!.path;
    await restoreTrainingCheckpoint(checkpoint, { modules: { model: trained } });
    const clips = tf.randomUniform([2, 4, 32, 32, 3], -1, 1, 'float32', 5) as tf.Tensor5D;
    try {
      expect(net.weights).toEqual({ source: 'trained-in-domain', sha256: sha256Of(inDomainFile), path: inDomainFile });
      const fromFile = net.network.apply(clips);
      const [a, b, c] = [fromFile, (trained.eval(), trained.apply(clips)), (initial.eval(), initial.apply(clips))].map((o) => Array.from(o.pool.dataSync()));
      expect(a).toHaveLength(2 * net.network.featureChannels);
      expect(a).toEqual(b);
      expect(a).not.toEqual(c);
      tf.dispose([fromFile.pool, fromFile.logits]);
    } finally {
      tf.dispose(clips);
      [net, trained, initial].forEach((m) => m.dispose());
    }
  });
});

describe('ensureTable1Row', () => {
  it('records a table1 run per the report contract (extractor and weights with every value), then reuses it', async () => {
    const first = await ensureTable1Row(ctx, 'lddm', '7:3');
    expect(first.outcome.reused).toBe(false);
    const run = first.outcome.run;
    expect(run).toMatchObject({ kind: 'table1', status: 'finished' });
    // One real clip per test video, div.samples (smoke: 2) generated per condition; I3D logits are 400-d.
    const testVideos = splitOf(await pipelineData(ctx), '7:3').test.length;
    expect(testVideos).toBeGreaterThan(1);
    const counts = { realVideos: testVideos, generatedVideos: 2 * testVideos };
    expect(registry.params(run.id)).toMatchObject({ generator: 'lddm', ratio: '7:3', samples: 2, ...counts, featureDims: { fvd: 400, dtfvd: 400, fvdInDomain: 1024 }, fvdGenerated: 'all-samples' });

    const test = new Map(registry.metrics(run.id).filter((m) => m.split === 'test').map((m) => [m.name, m]));
    expect([...test.keys()].sort()).toEqual([...TABLE1_METRICS].sort());
    const fileSha = sha256Of(weightsFile);
    // fvd_in_domain: the split's trained I3D (1024-d pooled features), its run one of the row's inputs.
    expect(test.get('fvd_in_domain')!.extra).toMatchObject({ extractor: 'i3d-in-domain', weightsSource: 'trained-in-domain', weightsSha256: sha256Of(inDomainFile), weightsPath: inDomainFile, featureDim: 1024, features: 'pool', ...counts });
    expect(test.get('fvd_in_domain')!.value).toBeGreaterThan(0);
    expect(registry.inputs(run.id)).toContain(inDomainKey);
    for (const name of ['fvd', 'dtfvd']) {
      expect(test.get(name)!.extra).toMatchObject({ extractor: 'i3d-kinetics400', weightsSource: 'file', weightsSha256: fileSha, weightsPath: weightsFile, fvdScale: 1, ...counts });
      expect(test.get(name)!.value).toBeGreaterThan(0);
    }
    // Same extractor, weights and videos: the DTFVD column read the FVD column's cached features
    // (2 files); the in-domain I3D adds its own 2 (real and generated).
    expect(test.get('dtfvd')!.value).toBe(test.get('fvd')!.value);
    expect(readdirSync(join(dir, 'cache', 'features')).filter((f) => f.endsWith('.features'))).toHaveLength(4);
    for (const [name, extractor] of [['lpips', 'lpips-vgg16-v0.1'], ['div', 'vgg16']]) {
      expect(test.get(name)!.extra).toMatchObject({ extractor, weightsSource: 'seeded-init', weightsSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(test.get(name)!.value).toBeGreaterThan(0);
    }
    expect(test.get('div')!.extra).toMatchObject({ distance: 'vgg-mse', samples: 2, conditions: testVideos });
    for (const name of ['lpips', 'ssim', 'psnr']) expect(test.get(name)!.extra).toMatchObject({ videos: testVideos });
    for (const name of ['ssim', 'psnr']) expect(test.get(name)!.extra).toMatchObject({ extractor: 'none', weightsSha256: null, weightsSource: null });
    expect(Math.abs(test.get('ssim')!.value!)).toBeLessThanOrEqual(1);
    expect(test.get('psnr')!.value).toBeGreaterThan(0);

    // What the report reads back.
    const [row] = collectTable1(registry);
    expect(row).toMatchObject({ generator: 'lddm', ratio: '7:3', runIds: [run.id] });
    expect(row.values.find((v) => v.metric === 'lpips')!.ours!.mean).toBeCloseTo(test.get('lpips')!.value!, 10);
    expect(table1Report(registry, { ratio: '7:3' }).markdown).toContain('| FVD ↓ (i3d-kinetics400) | DTFVD ↓ (i3d-kinetics400) | LPIPS ↓ (lpips-vgg16-v0.1) | DIV ↑ (vgg16) |');

    const again = await ensureTable1Row(ctx, 'lddm', '7:3');
    expect(again.outcome.reused).toBe(true);
    expect(again.outcome.run.id).toBe(run.id);
    expect(again.outcome.result).toBeUndefined();
  });
});

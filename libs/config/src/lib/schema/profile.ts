// The whole profile: every section, plus the checks that relate fields of different sections.
import { z } from 'zod';
import { CinnSchema } from './cinn';
import { ClassifiersSchema } from './classifiers';
import { DataSchema } from './data';
import { encoderOutputShape, encoderReduction, latentSize } from './derived';
import { GridSchema } from './grid';
import { LddmSchema } from './lddm';
import { MetricsSchema } from './metrics';
import { str } from './primitives';
import { RuntimeSchema } from './runtime';
import { SplitsSchema } from './splits';

const ProfileShape = z.strictObject({
  /** One sentence: what this profile is for. */
  description: str(),
  /**
   * Where values come from, by dotted field path (e.g. "paper: ..." or "not in the paper: ...").
   * Documentation only: profileValues() leaves it out of what a run records.
   */
  notes: z.record(z.string(), z.string({ error: 'expected a string' }), { error: 'expected an object of "field.path": "note" strings' }),
  data: DataSchema,
  splits: SplitsSchema,
  lddm: LddmSchema,
  cinn: CinnSchema,
  classifiers: ClassifiersSchema,
  metrics: MetricsSchema,
  grid: GridSchema,
  runtime: RuntimeSchema,
});

type Shape = z.infer<typeof ProfileShape>;
type Issue = { path: (string | number)[]; message: string };

/** Cross-field rules. Each names the field to fix; messages start with "expected". */
export function crossFieldIssues(p: Shape): Issue[] {
  const issues: Issue[] = [];
  const add = (path: string, message: string) => issues.push({ path: path.split('.'), message });
  const { data } = p;

  const ph = data.phantom;
  if (ph.malignant + ph.benign !== ph.videos)
    add('data.phantom.videos', `expected malignant + benign = ${ph.malignant + ph.benign}`);
  if (ph.minFrames > ph.maxFrames) add('data.phantom.minFrames', `expected at most maxFrames (${ph.maxFrames})`);
  if (ph.minFrames < data.clipLength)
    add('data.phantom.minFrames', `expected at least data.clipLength (${data.clipLength}) so that every video yields a clip`);
  if (data.framesPerClip > data.clipLength)
    add('data.framesPerClip', `expected at most data.clipLength (${data.clipLength})`);
  if (data.videos.kind === 'busv' && data.videos.path === null)
    add('data.videos.path', 'expected the BUSV directory when data.videos.kind is "busv"');
  if (data.images.kind === 'busi' && data.images.path === null)
    add('data.images.path', 'expected the BUSI directory when data.images.kind is "busi"');

  const s1 = p.lddm.stage1;
  const enc = s1.encoder;
  enc.channels.forEach((c, i) => {
    if (c % enc.groups !== 0)
      add(`lddm.stage1.encoder.channels.${i}`, `expected a multiple of encoder.groups (${enc.groups})`);
  });
  const r = encoderReduction(enc);
  if (data.imageSize % r.s !== 0)
    add('data.imageSize', `expected a multiple of the encoder's spatial reduction (${r.s})`);
  if (data.framesPerClip % r.t !== 0)
    add('data.framesPerClip', `expected a multiple of the encoder's temporal reduction (${r.t})`);

  const [, startSide] = encoderOutputShape(s1, data);
  const doublings = Math.ceil(Math.log2(data.imageSize / startSide));
  if (s1.decoder.channelMults.length < doublings + 1)
    add(
      'lddm.stage1.decoder.channelMults',
      `expected at least ${doublings + 1} blocks to upsample from ${startSide} px to data.imageSize (${data.imageSize})`,
    );
  s1.decoder.channelMults.forEach((m, i) => {
    if ((m * s1.decoder.nf) % enc.groups !== 0)
      add(`lddm.stage1.decoder.channelMults.${i}`, `expected nf x ${m} = ${m * s1.decoder.nf} to be a multiple of encoder.groups (${enc.groups}), the decoder's GroupNorm groups`);
  });

  const s2 = p.lddm.stage2;
  if (!(s2.schedule.betaStart < s2.schedule.betaEnd && s2.schedule.betaEnd < 1))
    add('lddm.stage2.schedule.betaEnd', `expected betaStart (${s2.schedule.betaStart}) < betaEnd < 1`);
  if (s2.sampler.ddimSteps > s2.timesteps)
    add('lddm.stage2.sampler.ddimSteps', `expected at most lddm.stage2.timesteps (${s2.timesteps})`);

  const c = p.cinn;
  if (c.latentDim % 2 !== 0) add('cinn.latentDim', 'expected an even number (the coupling splits it in halves)');
  if (c.shareStage1 && latentSize(s1, data) !== c.latentDim)
    add('cinn.latentDim', `expected the size of LDDM's latent (${latentSize(s1, data)}) when cinn.shareStage1 is true`);
  if (c.condEncoder.logvarClamp[0] >= c.condEncoder.logvarClamp[1])
    add('cinn.condEncoder.logvarClamp', 'expected [lo, hi] with lo < hi');

  const backbones: [string, { layers: number[]; widths: number[] }][] = [
    ['cinn.condEncoder.backbone', c.condEncoder.backbone],
    ['classifiers.tsm.backbone', p.classifiers.tsm.backbone],
    ['classifiers.tdn.backbone', p.classifiers.tdn.backbone],
  ];
  for (const [path, b] of backbones)
    if (b.layers.length !== b.widths.length)
      add(`${path}.widths`, `expected one width per stage (${b.layers.length}, as in layers)`);
  const atm = p.classifiers.atmnet;
  if (atm.depths.length !== atm.dims.length)
    add('classifiers.atmnet.dims', `expected one dim per stage (${atm.depths.length}, as in depths)`);

  const cl = p.classifiers;
  if (cl.c3d.frames > data.framesPerClip)
    add('classifiers.c3d.frames', `expected at most data.framesPerClip (${data.framesPerClip}), the length of a synthetic video`);
  for (const id of ['tsm', 'tdn', 'atmnet'] as const)
    if (cl[id].segments > data.framesPerClip)
      add(`classifiers.${id}.segments`, `expected at most data.framesPerClip (${data.framesPerClip})`);

  if (p.metrics.frames > data.framesPerClip)
    add('metrics.frames', `expected at most data.framesPerClip (${data.framesPerClip})`);
  if (p.metrics.div.samples < 2) add('metrics.div.samples', 'expected at least 2 (DIV compares pairs)');

  const ratios = new Set(p.splits.ratios);
  p.grid.ratios.forEach((rt, i) => {
    if (!ratios.has(rt)) add(`grid.ratios.${i}`, `expected one of splits.ratios (${p.splits.ratios.join(', ')})`);
  });
  if (!ratios.has(p.grid.table1.ratio))
    add('grid.table1.ratio', `expected one of splits.ratios (${p.splits.ratios.join(', ')})`);
  for (const [path, list] of [
    ['splits.ratios', p.splits.ratios],
    ['grid.models', p.grid.models],
    ['grid.ratios', p.grid.ratios],
    ['grid.regimes', p.grid.regimes],
    ['grid.table1.generators', p.grid.table1.generators],
  ] as const)
    if (new Set<string>(list).size !== list.length) add(path, 'expected no duplicates');
  return issues;
}

/** The validated content of a profile file (after `extends` is resolved). */
export const ProfileSchema = ProfileShape.superRefine((p, ctx) => {
  for (const issue of crossFieldIssues(p)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
});

export type ProfileData = z.infer<typeof ProfileSchema>;

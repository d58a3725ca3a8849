/**
 * What the pipeline writes to the registry and this library reads back: the report reads ONLY
 * the registry (runs, params, metrics, artifacts, datasets), never the pipeline's files directly
 * except the artifacts the registry points to.
 *
 * Table 2 cell (one run per seed):
 *   kind 'classifier'; params { model: 'c3d'|'tsm'|'tdn'|'atmnet', ratio: '7:3'|'5:5'|'3:7',
 *   regime: 'real'|'synthetic:lddm'|'synthetic:cinn'|'real+synthetic:lddm'|'real+synthetic:cinn',
 *   seed: number, f1Definition: string };
 *   metrics, split 'test': accuracy, f1, accuracy_ci_low, accuracy_ci_high, f1_ci_low, f1_ci_high
 *   (fractions in [0, 1]; the report shows percentages like the paper);
 *   metrics, split 'train', step = epoch: loss;
 *   artifacts kind 'predictions' (JSON).
 * Table 1 row:
 *   kind 'table1'; params { generator: 'lddm'|'cinn', ratio };
 *   metrics, split 'test': fvd, dtfvd, lpips, div, ssim, psnr, each with
 *   extra { extractor, weightsSha256, weightsSource } (ssim / psnr: extractor 'none');
 *   with metrics.inDomain also fvd_in_domain (extractor 'i3d-in-domain', weightsSource
 *   'trained-in-domain': an I3D trained on the split's real training clips; not in the paper).
 * In-domain I3D:
 *   kind 'i3d-in-domain'; params { ratio }; metrics 'loss', with step, split 'train';
 *   artifacts kind 'weights' (the extractor's safetensors file), 'checkpoint'.
 * Generator training:
 *   kinds 'lddm-stage1', 'lddm-stage2', 'cinn-cond', 'cinn-flow'; params { ratio };
 *   metrics 'loss' (and components such as 'l1', 'kl'), with step, split 'train'.
 * Synthesis:
 *   kind 'synthesis'; params { generator, ratio, source: 'busi'|'test' (the first frames of the test videos), samples };
 *   artifacts kind 'strip' (PNG of x0 + frames), 'gif' / 'webp' (the strip animated), 'video' (one JSON
 *   record per video: its BUSV-layout frame folder and every frame's sha256), 'manifest'.
 * Data:
 *   kind 'data'; params { videoFingerprint, imageFingerprint } (dataset records by fingerprint).
 *
 * Only finished runs count. Several finished runs of one cell and seed: the newest wins (a rerun
 * replaces, never doubles, a seed).
 */
export const MODELS = ['c3d', 'tsm', 'tdn', 'atmnet'] as const;
export type Model = (typeof MODELS)[number];

export const RATIOS = ['7:3', '5:5', '3:7'] as const;
export type Ratio = (typeof RATIOS)[number];

export const GENERATORS = ['cinn', 'lddm'] as const;
export type Generator = (typeof GENERATORS)[number];

export const REGIMES = ['real', 'synthetic:lddm', 'synthetic:cinn', 'real+synthetic:lddm', 'real+synthetic:cinn'] as const;
export type Regime = (typeof REGIMES)[number];

/** The paper's three column groups of Table 2. */
export const REGIME_GROUPS = ['real', 'synthetic', 'real+synthetic'] as const;
export type RegimeGroup = (typeof REGIME_GROUPS)[number];

export const TABLE1_METRICS = ['fvd', 'dtfvd', 'lpips', 'div', 'ssim', 'psnr', 'fvd_in_domain'] as const;
export type Table1Metric = (typeof TABLE1_METRICS)[number];
/** Which way is better, per Table 1 metric (the paper: FVD, DTFVD, LPIPS lower; DIV higher). */
export const TABLE1_BETTER: Record<Table1Metric, 'lower' | 'higher'> = {
  fvd: 'lower',
  dtfvd: 'lower',
  lpips: 'lower',
  div: 'higher',
  ssim: 'higher',
  psnr: 'higher',
  fvd_in_domain: 'lower',
};

export const GENERATOR_TRAINING_KINDS = ['lddm-stage1', 'lddm-stage2', 'cinn-cond', 'cinn-flow'] as const;

export const KIND = { classifier: 'classifier', table1: 'table1', synthesis: 'synthesis', data: 'data' } as const;

export const MODEL_LABEL: Record<Model, string> = { c3d: 'C3D', tsm: 'TSM', tdn: 'TDN', atmnet: 'ATMNet' };

/** 'real+synthetic:lddm' -> { group: 'real+synthetic', generator: 'lddm' }. */
export function splitRegime(regime: Regime): { group: RegimeGroup; generator: Generator | null } {
  const [group, generator] = regime.split(':') as [RegimeGroup, Generator | undefined];
  return { group, generator: generator ?? null };
}

export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}

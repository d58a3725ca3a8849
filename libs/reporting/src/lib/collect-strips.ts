// Figure strips (the paper's Figs. 2 and 3): per synthesis run, the PNG strip of x0 and its
// generated frames, the animation when one was written, and the frame folders.
import type { Registry } from '@lddm/registry';
import { KIND } from './contract';
import { finishedRuns } from './finished-runs';

export interface StripFigure {
  runId: number;
  generator: string | null;
  ratio: string | null;
  /** 'busi' (Fig. 3: generated from still images) or 'test' (Fig. 2: vs ground truth). */
  source: string | null;
  /** Absolute paths as recorded by the registry. */
  strips: string[];
  animations: Array<{ path: string; format: 'gif' | 'webp' }>;
  videos: string[];
  /** What the synthesis run measured (absent for older runs): motion, first-frame L1, sampled latents. */
  stats: Partial<Record<'motion' | 'real_motion' | 'x0_l1' | 'latent_std' | 'latent_mean_abs' | 'latent_outside_4sd', number>>;
}

const STAT_NAMES = ['motion', 'real_motion', 'x0_l1', 'latent_std', 'latent_mean_abs', 'latent_outside_4sd'] as const;

const str = (v: unknown) => (typeof v === 'string' ? v : null);

export function collectStrips(registry: Registry, opts: { experiment?: string } = {}): StripFigure[] {
  return finishedRuns(registry, KIND.synthesis, opts.experiment)
    .reverse()
    .map(({ run, params }) => {
      const artifacts = registry.artifacts(run.id);
      const of = (kind: string) => artifacts.filter((a) => a.kind === kind).map((a) => a.path);
      return {
        runId: run.id,
        generator: str(params['generator']),
        ratio: str(params['ratio']),
        source: str(params['source']),
        strips: of('strip'),
        animations: [
          ...of('gif').map((path) => ({ path, format: 'gif' as const })),
          ...of('webp').map((path) => ({ path, format: 'webp' as const })),
        ],
        videos: of('video'),
        stats: Object.fromEntries(
          registry
            .metrics(run.id)
            .filter((m) => (STAT_NAMES as readonly string[]).includes(m.name) && m.value !== null)
            .map((m) => [m.name, m.value as number]),
        ),
      };
    })
    .filter((f) => f.strips.length > 0 || f.animations.length > 0);
}

// Which weights each Table 1 extractor uses: <weightsDir>/<extractor id>.safetensors when the
// profile's metrics.weightsDir (or, when that is null, $LDDM_WEIGHTS_DIR) names a folder and the
// file is there; otherwise the network's seeded initialisation (labelled 'seeded-init' by
// @lddm/metrics). The file's sha256 goes into the Table 1 key, so new weights make a new row.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { deriveSeed } from '@lddm/runtime';
import { hashFileSync } from '@lddm/runtime/files';
import type { PipelineContext } from '../context';

export const WEIGHTS_DIR_ENV = 'LDDM_WEIGHTS_DIR';

export interface ExtractorWeightsChoice {
  extractor: string;
  /** Absolute path of the weights file, or undefined for the seeded initialisation. */
  path?: string;
  /** sha256 of the file (undefined: seeded, hashed by @lddm/metrics after initialisation). */
  fileSha256?: string;
  /** The seed of the seeded initialisation (same for every generator, so rows compare). */
  seed: number;
}

/** The weights folder in force: the profile's, else $LDDM_WEIGHTS_DIR, resolved against the workspace root. */
export function weightsDirOf(ctx: Pick<PipelineContext, 'profile' | 'root'>, env: NodeJS.ProcessEnv = process.env): { dir: string; from: 'profile' | 'env' } | null {
  const fromProfile = ctx.profile.metrics.weightsDir;
  if (fromProfile) return { dir: resolve(ctx.root, fromProfile), from: 'profile' };
  const fromEnv = env[WEIGHTS_DIR_ENV];
  return fromEnv ? { dir: resolve(ctx.root, fromEnv), from: 'env' } : null;
}

/** The weights of extractor `id` (and its seed, independent of generator and split). */
export function chooseExtractorWeights(ctx: Pick<PipelineContext, 'profile' | 'root' | 'log'>, id: string, env: NodeJS.ProcessEnv = process.env): ExtractorWeightsChoice {
  const seed = deriveSeed(ctx.profile.runtime.seed, 'metric-extractor', id);
  const folder = weightsDirOf(ctx, env);
  if (folder === null) return { extractor: id, seed };
  const path = resolve(folder.dir, `${id}.safetensors`);
  if (!existsSync(path)) {
    // A folder with some of the networks is normal (e.g. no DTDB I3D): say so, keep the seeded one.
    ctx.log(`${id}: no ${path} in the weights folder (${folder.from === 'env' ? `$${WEIGHTS_DIR_ENV}` : 'metrics.weightsDir'}); using its seeded initialisation`);
    return { extractor: id, seed };
  }
  return { extractor: id, path, fileSha256: hashFileSync(path).sha256, seed };
}

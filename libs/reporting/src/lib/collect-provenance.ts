// Where every number comes from: per run, the dataset it read, the profile, backend, seed, the
// source commit (and whether the tree was dirty) and how long it took.
import type { DatasetRecord, Registry, RunRecord } from '@lddm/registry';
import { KIND } from './contract';

export interface RunProvenance {
  runId: number;
  kind: string;
  experiment: string | null;
  /** Fingerprints of the datasets the run consumed (its inputs that are dataset records). */
  datasets: string[];
  profile: string;
  backend: string;
  seed: number;
  gitCommit: string | null;
  gitDirty: boolean;
  wallSeconds: number | null;
  startedAt: string;
}

export interface DatasetProvenance {
  fingerprint: string;
  /** e.g. 'phantom' or 'busv': what tells a phantom number from a BUSV one. */
  kind: string;
  sourcePath: string;
  counts: Record<string, unknown>;
}

export function runProvenance(registry: Registry, run: RunRecord): RunProvenance {
  return {
    runId: run.id,
    kind: run.kind,
    experiment: run.experiment,
    datasets: registry.inputs(run.id).filter((input) => registry.getDataset(input) !== undefined),
    profile: run.profile,
    backend: `${run.backendName} ${run.backendVersion} (${run.backendThreads} thread${run.backendThreads === 1 ? '' : 's'})`,
    seed: run.seed,
    gitCommit: run.gitCommit,
    gitDirty: run.gitDirty,
    wallSeconds: run.wallSeconds,
    startedAt: run.startedAt.toISOString(),
  };
}

/** Provenance of every finished run (optionally of one experiment), oldest first. */
export function collectProvenance(registry: Registry, opts: { experiment?: string } = {}): RunProvenance[] {
  return registry
    .listRuns({ status: 'finished', experiment: opts.experiment })
    .reverse()
    .map((run) => runProvenance(registry, run));
}

/** The datasets read by finished 'data' runs: params videoFingerprint / imageFingerprint, else its inputs. */
export function collectDatasets(registry: Registry): DatasetProvenance[] {
  const found = new Map<string, DatasetRecord>();
  for (const run of registry.listRuns({ kind: KIND.data, status: 'finished' })) {
    const params = registry.params(run.id);
    const named = [params['videoFingerprint'], params['imageFingerprint']].filter((f): f is string => typeof f === 'string');
    for (const fingerprint of [...named, ...registry.inputs(run.id)]) {
      if (found.has(fingerprint)) continue;
      const record = registry.getDataset(fingerprint);
      if (record) found.set(fingerprint, record);
    }
  }
  return [...found.values()].map(({ fingerprint, kind, sourcePath, counts }) => ({ fingerprint, kind, sourcePath, counts }));
}

/**
 * 'phantom' when the record says so by kind or by its source folder (the data lib records the
 * phantom's videos in BUSV's layout, under a phantom-<hash> folder), else the recorded kind.
 */
export function datasetOrigin(d: Pick<DatasetProvenance, 'kind' | 'sourcePath'>): string {
  return d.kind === 'phantom' || /(^|[\\/])phantom/i.test(d.sourcePath) ? 'phantom' : d.kind;
}

// The provenance and reproducibility of one run: what produced it, and whether what it recorded
// still holds (its artifacts' bytes, its key, its params and metrics).
import type { DatasetKind, OpenDatasetOptions } from '@lddm/data';
import { runKey, sourceVersion, type DatasetRecord, type Registry, type RunRecord } from '@lddm/registry';
import { hashFileSync } from '@lddm/runtime/files';

export type ArtifactState = 'ok' | 'changed' | 'missing';

export interface ArtifactCheck {
  path: string;
  kind: string;
  state: ArtifactState;
  recorded: { sha256: string; bytes: number };
  /** What is on disk now (absent when the file is missing or unreadable). */
  actual?: { sha256: string; bytes: number };
  error?: string;
}

export type DatasetState = 'ok' | 'changed' | 'unreadable' | 'not-reopenable';

export interface DatasetCheck {
  fingerprint: string;
  path: string;
  state: DatasetState;
  /** The fingerprint now (state changed), or why it could not be computed. */
  detail?: string;
}

export interface AuditReport {
  run: RunRecord;
  inputs: string[];
  params: Record<string, unknown>;
  metricCount: number;
  metricNames: string[];
  artifacts: ArtifactCheck[];
  /** Input datasets read again and re-fingerprinted. */
  datasets: DatasetCheck[];
  key: { stored: string; recomputed: string; ok: boolean; error?: string };
  /** The digest of params and metrics stored when the run ended, and as they are now (null: run predates digests). */
  record: { stored: string | null; recomputed: string; ok: boolean; changed: string[] };
  source: { recorded: string; current: string; same: boolean };
  /** true when every artifact is intact and the key recomputes. */
  ok: boolean;
}

export async function auditRun(registry: Registry, run: RunRecord, cwd: string = process.cwd()): Promise<AuditReport> {
  const inputs = registry.inputs(run.id);
  const metrics = registry.metrics(run.id);
  const artifacts: ArtifactCheck[] = [];
  for (const a of registry.artifacts(run.id)) {
    const recorded = { sha256: a.sha256, bytes: a.bytes };
    try {
      const actual = hashFileSync(a.path);
      const same = actual.sha256 === a.sha256 && actual.bytes === a.bytes;
      artifacts.push({ path: a.path, kind: a.kind, state: same ? 'ok' : 'changed', recorded, actual });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      artifacts.push({ path: a.path, kind: a.kind, state: 'missing', recorded, error: code ?? String(error) });
    }
  }
  const datasets: DatasetCheck[] = [];
  for (const input of inputs) {
    const d = registry.getDataset(input);
    if (d !== undefined) datasets.push(await refingerprint(d));
  }
  let recomputed = '';
  let keyError: string | undefined;
  try {
    recomputed = runKey({ kind: run.kind, config: run.config, inputs, sourceVersion: run.sourceVersion });
  } catch (error) {
    keyError = error instanceof Error ? error.message : String(error);
  }
  const current = sourceVersion(cwd);
  const keyOk = keyError === undefined && recomputed === run.key;
  const digest = registry.recordDigest(run.id);
  const recordOk = run.recordSha256 === null || run.recordSha256 === digest;
  return {
    run,
    inputs,
    params: registry.params(run.id),
    metricCount: metrics.length,
    metricNames: [...new Set(metrics.map((m) => m.name))].sort(),
    artifacts,
    datasets,
    key: { stored: run.key, recomputed, ok: keyOk, ...(keyError ? { error: keyError } : {}) },
    record: { stored: run.recordSha256, recomputed: digest, ok: recordOk, changed: recordOk ? [] : registry.changedRecords(run) },
    source: { recorded: run.sourceVersion, current, same: current === run.sourceVersion },
    ok: keyOk && recordOk && artifacts.every((a) => a.state === 'ok') && datasets.every((d) => d.state === 'ok' || d.state === 'not-reopenable'),
  };
}

/** Reads a recorded dataset again as it was read (counts.open) and fingerprints it. */
async function refingerprint(d: DatasetRecord): Promise<DatasetCheck> {
  // Loaded here, not at start-up: `evaluator runs` must not pay for the data loaders (sharp, ffmpeg).
  const { DATASET_KINDS, fingerprintDataset, openDataset } = await import('@lddm/data');
  const open = d.counts['open'] as { kind?: unknown; options?: OpenDatasetOptions } | undefined;
  const base = { fingerprint: d.fingerprint, path: d.sourcePath };
  if (open === undefined || typeof open.kind !== 'string' || !(DATASET_KINDS as readonly string[]).includes(open.kind)) {
    return { ...base, state: 'not-reopenable', detail: 'recorded without how to read it again (before datasets recorded their loader)' };
  }
  try {
    const dataset = await openDataset(open.kind as DatasetKind, d.sourcePath, open.options ?? {});
    const now = await fingerprintDataset(dataset, { progress: false });
    return now === d.fingerprint ? { ...base, state: 'ok' } : { ...base, state: 'changed', detail: now };
  } catch (error) {
    return { ...base, state: 'unreadable', detail: error instanceof Error ? error.message.split('\n')[0] : String(error) };
  }
}

const short = (s: string) => (s.length > 16 ? `${s.slice(0, 12)}…` : s);
const fmtValue = (v: unknown) => {
  const t = JSON.stringify(v) ?? String(v);
  return t.length > 80 ? `${t.slice(0, 77)}...` : t;
};

export function formatAudit(a: AuditReport): string {
  const r = a.run;
  const counts = { ok: 0, changed: 0, missing: 0 };
  for (const x of a.artifacts) counts[x.state]++;
  const lines = [
    `run ${r.id}  ${r.kind}  ${r.status}${r.error ? `  (${r.error})` : ''}`,
    `  experiment   ${r.experiment ?? '-'}`,
    `  key          ${r.key}`,
    `  key check    ${a.key.ok ? 'ok (recomputed from kind, config, inputs, source version)' : `MISMATCH: recomputed ${a.key.error ?? a.key.recomputed}`}`,
    `  record check ${a.record.stored === null ? 'not available (recorded before digests)' : a.record.ok ? 'ok (params and metrics as when the run ended)' : `CHANGED: ${a.record.changed.length > 0 ? a.record.changed.join(', ') : 'params or metrics'} edited after the run ended (digest ${short(a.record.recomputed)}, recorded ${short(a.record.stored)})`}`,
    `  seed         ${r.seed}`,
    `  profile      ${r.profile}`,
    `  backend      ${r.backendName} ${r.backendVersion}, ${r.backendThreads} thread${r.backendThreads === 1 ? '' : 's'}`,
    `  git          ${r.gitCommit ?? '(no commit)'}${r.gitDirty ? ' + uncommitted changes' : ' (clean)'}`,
    `  source       ${a.source.recorded}`,
    `  checkout now ${a.source.current} (${a.source.same ? 'same source' : 'different source: a rerun would get a new key'})`,
    `  host         ${r.host} (pid ${r.pid})`,
    `  started      ${r.startedAt.toISOString()}`,
    `  ended        ${r.endedAt ? r.endedAt.toISOString() : '-'}`,
    `  wall time    ${r.wallSeconds === null ? '-' : `${r.wallSeconds.toFixed(3)} s`}`,
    `  inputs       ${a.inputs.length}${a.inputs.length ? `: ${a.inputs.map(short).join(', ')}` : ''}`,
    `  params       ${Object.keys(a.params).length}`,
    ...Object.entries(a.params).map(([k, v]) => `    ${k} = ${fmtValue(v)}`),
    `  metrics      ${a.metricCount}${a.metricNames.length ? ` (${a.metricNames.join(', ')})` : ''}`,
    `  datasets     ${a.datasets.length}${a.datasets.length ? ` (re-fingerprinted)` : ''}`,
    ...a.datasets.map((d) => `    ${d.state.padEnd(15)} ${short(d.fingerprint)} ${d.path}${d.detail ? `  (${d.state === 'changed' ? `now ${short(d.detail)}` : d.detail})` : ''}`),
    `  artifacts    ${a.artifacts.length} (${counts.ok} ok, ${counts.changed} changed, ${counts.missing} missing)`,
    ...a.artifacts.map((x) => {
      const detail =
        x.state === 'ok'
          ? `${x.recorded.bytes} B sha256 ${short(x.recorded.sha256)}`
          : x.state === 'changed'
            ? `recorded ${x.recorded.bytes} B ${short(x.recorded.sha256)}, now ${x.actual!.bytes} B ${short(x.actual!.sha256)}`
            : `recorded ${x.recorded.bytes} B ${short(x.recorded.sha256)}, ${x.error}`;
      return `    ${x.state.padEnd(8)}${x.kind.padEnd(12)} ${x.path}  (${detail})`;
    }),
    a.ok ? 'verdict: ok' : `verdict: NOT reproducible as recorded (${driftOf(a)})`,
  ];
  return lines.join('\n');
}

/** What changed, in a few words: '2 artifact(s) changed, key mismatch'. */
export function driftOf(a: AuditReport): string {
  const changed = a.artifacts.filter((x) => x.state === 'changed').length;
  const missing = a.artifacts.filter((x) => x.state === 'missing').length;
  return [
    changed ? `${changed} artifact(s) changed` : '',
    missing ? `${missing} missing` : '',
    a.key.ok ? '' : 'key mismatch',
    a.record.ok ? '' : `${a.record.changed.length > 0 ? a.record.changed.join(', ') : 'params or metrics'} edited`,
    ...a.datasets.filter((d) => d.state === 'changed' || d.state === 'unreadable').map((d) => `dataset ${d.path} ${d.state}`),
  ]
    .filter(Boolean)
    .join(', ');
}

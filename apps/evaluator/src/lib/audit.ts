// The provenance and reproducibility of one run: what produced it, and whether what it recorded
// still holds (its artifacts' bytes, its key, its params and metrics).
import { runKey, sourceVersion, type Registry, type RunRecord } from '@lddm/registry';
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

export interface AuditReport {
  run: RunRecord;
  inputs: string[];
  params: Record<string, unknown>;
  metricCount: number;
  metricNames: string[];
  artifacts: ArtifactCheck[];
  key: { stored: string; recomputed: string; ok: boolean; error?: string };
  /** The digest of params and metrics stored when the run ended, and as they are now (null: run predates digests). */
  record: { stored: string | null; recomputed: string; ok: boolean };
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
    key: { stored: run.key, recomputed, ok: keyOk, ...(keyError ? { error: keyError } : {}) },
    record: { stored: run.recordSha256, recomputed: digest, ok: recordOk },
    source: { recorded: run.sourceVersion, current, same: current === run.sourceVersion },
    ok: keyOk && recordOk && artifacts.every((a) => a.state === 'ok'),
  };
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
    `  record check ${a.record.stored === null ? 'not available (recorded before digests)' : a.record.ok ? 'ok (params and metrics as when the run ended)' : `CHANGED: params or metrics were edited after the run ended (digest ${short(a.record.recomputed)}, recorded ${short(a.record.stored)})`}`,
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
    a.record.ok ? '' : 'params or metrics edited',
  ]
    .filter(Boolean)
    .join(', ');
}

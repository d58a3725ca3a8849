// A run's identity for caching (docs/architecture.md "Runs, caching and resumption"): the same kind,
// resolved config, consumed inputs and source version must give the same key, however the config
// object happened to be built.
import { createHash } from 'node:crypto';

export interface RunKeyInput {
  kind: string;
  config: unknown;
  /** Keys of runs and dataset fingerprints this run consumes; order does not matter. */
  inputs: string[];
  sourceVersion: string;
}

/**
 * JSON with object keys sorted at every depth. Values JSON would silently mangle (Map and Set
 * become `{}`, functions vanish) are refused, because two different configs must never hash alike.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonicalize(value, '$'));
}

function canonicalize(value: unknown, at: string): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`runKey: non-finite number ${value} at ${at}`);
    return value;
  }
  if (typeof value === 'bigint' || typeof value === 'function' || typeof value === 'symbol' || value === undefined) {
    throw new Error(`runKey: cannot hash a ${typeof value} at ${at}`);
  }
  const withJson = value as { toJSON?: () => unknown };
  if (typeof withJson.toJSON === 'function') return canonicalize(withJson.toJSON(), at);
  if (Array.isArray(value)) return value.map((v, i) => canonicalize(v === undefined ? null : v, `${at}[${i}]`));
  if (ArrayBuffer.isView(value) || value instanceof Map || value instanceof Set) {
    throw new Error(`runKey: cannot hash a ${value.constructor.name} at ${at}; convert it to an array or object`);
  }
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[k];
    // Like JSON.stringify: an absent key and an undefined one are the same config.
    if (v !== undefined) out[k] = canonicalize(v, `${at}.${k}`);
  }
  return out;
}

/** sha256 hex of the canonical JSON of { kind, config, inputs (sorted), sourceVersion }. */
export function runKey(input: RunKeyInput): string {
  const body = canonicalJson({
    kind: input.kind,
    config: input.config,
    inputs: [...input.inputs].sort(),
    sourceVersion: input.sourceVersion,
  });
  return createHash('sha256').update(body).digest('hex');
}

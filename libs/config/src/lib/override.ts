// `--set a.b.c=value`: the key is a dotted field path; the value is JSON when it parses as JSON
// (numbers, true/false, null, [..], {..}, "quoted") and a plain string otherwise. A bracketed
// list that is not JSON is a list of such values: `nx run` passes arguments through a shell that
// strips the quotes of `grid.regimes='["real"]'`, so `[real,synthetic:lddm]` must work too.
import { configError } from './errors';

export interface Override {
  key: string;
  value: unknown;
}

const KEY = /^[A-Za-z_][A-Za-z0-9_]*(\.([A-Za-z_][A-Za-z0-9_]*|\d+))*$/;

export function parseOverride(text: string): Override {
  const eq = text.indexOf('=');
  if (eq < 0) throw configError(`--set ${text}`, '', 'expected key=value, e.g. --set grid.seeds=3');
  const key = text.slice(0, eq).trim();
  const raw = text.slice(eq + 1).trim();
  if (!KEY.test(key))
    throw configError(`--set ${text}`, '', `expected a dotted field path before "=", e.g. lddm.stage2.timesteps, got ${JSON.stringify(key)}`);
  if (raw === '') throw configError(`--set ${text}`, '', 'expected a value after "=" (use "" for an empty string)');
  return { key, value: parseValue(raw) };
}

function parseValue(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    // not JSON: a bare list, or a plain string (e.g. grid.table1.ratio=7:3)
  }
  if (raw.startsWith('[') && raw.endsWith(']')) {
    const inner = raw.slice(1, -1).trim();
    return inner === '' ? [] : inner.split(',').map((item) => parseValue(item.trim()));
  }
  return raw;
}

/** Parses several `key=value` strings into an overrides record (later keys win). */
export function parseOverrides(texts: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const t of texts) {
    const { key, value } = parseOverride(t);
    out[key] = value;
  }
  return out;
}

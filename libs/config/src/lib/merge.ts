// Deep merge of profile layers: objects merge key by key, arrays and scalars replace.
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function deepMerge(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over)) return structuredClone(over);
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = k in base ? deepMerge(base[k], v) : structuredClone(v);
  return out;
}

/**
 * Returns a copy of `obj` with the dotted path set to `value`. Numeric segments index into an
 * existing array; missing intermediate objects are created.
 */
export function setPath(obj: unknown, path: readonly string[], value: unknown): unknown {
  if (path.length === 0) return structuredClone(value);
  const [head, ...rest] = path;
  if (Array.isArray(obj) && /^\d+$/.test(head)) {
    const out = [...obj];
    out[Number(head)] = setPath(obj[Number(head)], rest, value);
    return out;
  }
  const base = isPlainObject(obj) ? obj : {};
  return { ...base, [head]: setPath(base[head], rest, value) };
}

/** Whether `obj` defines the path, or a prefix of it as a non-object value (which replaces it). */
export function definesPath(obj: unknown, path: readonly PropertyKey[]): boolean {
  let cur: unknown = obj;
  for (const seg of path) {
    if (Array.isArray(cur)) return true; // arrays replace as a whole
    if (!isPlainObject(cur) || !(String(seg) in cur)) return false;
    cur = cur[String(seg)];
  }
  return true;
}

export function getPath(obj: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = obj;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[String(seg)];
  }
  return cur;
}

export type DeepReadonly<T> = T extends (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

export function deepFreeze<T>(value: T): DeepReadonly<T> {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value as DeepReadonly<T>;
}

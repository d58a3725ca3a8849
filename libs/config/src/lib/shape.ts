// Introspection of the zod schema, used only to make error messages helpful ("did you mean").
import type { z } from 'zod';

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  items?: z.ZodType[];
  innerType?: z.ZodType;
  in?: z.ZodType;
}
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The keys an object schema allows at `path`, or [] when the path does not lead to an object. */
export function allowedKeys(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let cur: z.ZodType | undefined = schema;
  const unwrap = () => {
    for (let d = cur && defOf(cur); d && (d.innerType || d.in); d = cur && defOf(cur)) cur = d.innerType ?? d.in;
  };
  for (const seg of path) {
    unwrap();
    if (!cur) return [];
    const d = defOf(cur);
    if (d.type === 'object') cur = d.shape?.[String(seg)];
    else if (d.type === 'array') cur = d.element;
    else if (d.type === 'tuple') cur = d.items?.[Number(seg)];
    else return [];
  }
  unwrap();
  if (!cur) return [];
  const d = defOf(cur);
  return d.type === 'object' && d.shape ? Object.keys(d.shape) : [];
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}

/** The closest allowed key, when it is close enough to be a likely typo. */
export function closest(key: string, allowed: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of allowed) {
    const d = distance(key, k);
    if (d < bestD) [best, bestD] = [k, d];
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(key.length / 3)) ? best : undefined;
}

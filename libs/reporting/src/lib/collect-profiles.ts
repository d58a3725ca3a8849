// The profiles behind the finished runs, with the description and notes their stored configs
// carry (a profile's own words on how it departs from the paper's sizes).
import type { Registry } from '@lddm/registry';

export interface ProfileUse {
  profile: string;
  runs: number;
  kinds: string[];
  description: string | null;
  notes: Record<string, string>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

// Run configs hold either the whole profile or a section of it; look at the top and one level in.
function describe(config: unknown): { description: string | null; notes: Record<string, string> } {
  const candidates = isRecord(config) ? [config, ...Object.values(config).filter(isRecord)] : [];
  for (const c of candidates) {
    const description = typeof c['description'] === 'string' ? c['description'] : null;
    const notes = isRecord(c['notes'])
      ? Object.fromEntries(Object.entries(c['notes']).filter((e): e is [string, string] => typeof e[1] === 'string'))
      : {};
    if (description !== null || Object.keys(notes).length > 0) return { description, notes };
  }
  return { description: null, notes: {} };
}

export function collectProfiles(registry: Registry, opts: { experiment?: string } = {}): ProfileUse[] {
  const uses = new Map<string, ProfileUse>();
  for (const run of registry.listRuns({ status: 'finished', experiment: opts.experiment })) {
    const use = uses.get(run.profile) ?? { profile: run.profile, runs: 0, kinds: [], ...describe(run.config) };
    use.runs += 1;
    if (!use.kinds.includes(run.kind)) use.kinds.push(run.kind);
    if (use.description === null && Object.keys(use.notes).length === 0) Object.assign(use, describe(run.config));
    uses.set(run.profile, use);
  }
  return [...uses.values()];
}

// A stage of the data flow (docs/architecture.md, "Data flow of nx run experiments:table2"). The
// tables are lists of stages; a later issue implements a stage by giving it `run` and making
// `available()` say so, without touching the runner or the other stages.
import type { Profile } from '@lddm/config';
import type { PipelineContext } from '@lddm/pipeline';
import type { Registry } from '@lddm/registry';

export type TableId = 'table1' | 'table2';

export type Availability = { ok: true } | { ok: false; reason: string };

export interface StageContext {
  table: TableId;
  profile: Profile;
  registry: Registry;
  /** The experiment name runs are recorded under, e.g. "table2-smoke". */
  experiment: string;
  /** What the @lddm/pipeline steps take (same profile, registry and experiment). */
  pipeline: PipelineContext;
  /** Worker processes for the classifier grid (--workers, default profile.runtime.workers). */
  workers: number;
  log(line: string): void;
}

export interface Stage {
  id: string;
  title: string;
  /** The tables whose data flow includes this stage. */
  tables: readonly TableId[];
  /** One line: what the stage does under this profile (counts, sizes). */
  plan(profile: Profile, table: TableId): string;
  /** Whether the stage can run in this checkout. */
  available(): Availability;
  /** Does the work, recording every step as a run in the registry. */
  run?(ctx: StageContext): Promise<void>;
}

/** The availability of a stage whose implementation lands with a later issue. */
export const notImplemented =
  (what: string): (() => Availability) =>
  () => ({ ok: false, reason: `not implemented yet (${what})` });

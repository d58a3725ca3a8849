// A stage of the data flow (docs/architecture.md, "Data flow of nx run experiments:table2"). The
// tables are lists of stages; each adds its steps to the table's one graph (a step another stage
// also asks for, such as the data or a generator, is the same step), and may print or write
// something from the registry after the graph has run.
import type { Profile } from '@lddm/config';
import type { BatchRunner, Graph, PipelineContext, StepEnv } from '@lddm/pipeline';

export type TableId = 'table1' | 'table2';

export type Availability = { ok: true } | { ok: false; reason: string };

export interface StageContext {
  table: TableId;
  profile: Profile;
  /** The experiment name runs are recorded under, e.g. "table2-smoke". */
  experiment: string;
  /** What the steps are built from. */
  env: StepEnv;
  /** The open pipeline (registry, ...) when the graph is to run; absent for --plan. */
  pipeline?: PipelineContext;
  /** Worker processes for the classifier grid (--workers, default profile.runtime.workers). */
  workers: number;
  /** --workers-max-override: allow more grid workers than cores. */
  oversubscribe?: boolean;
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
  /** Adds the stage's steps to the table's graph. */
  build?(graph: Graph, ctx: StageContext): StageBuild;
}

/** What a stage runs its steps with, and what it does once the graph has run. */
export interface StageBuild {
  /** Runners of the stage's batches (the classifier grid's worker processes). */
  batches?: Record<string, BatchRunner>;
  /** From the registry, after the graph: print a table, write the report. */
  after?(pipeline: PipelineContext): Promise<void>;
}

/** The availability of a stage whose implementation lands with a later issue. */
export const notImplemented =
  (what: string): (() => Availability) =>
  () => ({ ok: false, reason: `not implemented yet (${what})` });

// Runs the data flow of one table: every stage in order, each recording its runs in the registry.
// Until every stage exists it lists the plan, says which stages are missing, and produces nothing.
import type { PipelineContext } from '@lddm/pipeline';
import { stagesOf, type StageContext, type TableId } from './stages';

export class NoResultsError extends Error {
  override readonly name = 'NoResultsError';
}

export interface RunTableOptions {
  table: TableId;
  /** Built by withPipeline with experiment `${table}-${profile}`. */
  pipeline: PipelineContext;
  workers?: number;
  log(line: string): void;
}

export async function runTable({ table, pipeline, workers, log }: RunTableOptions): Promise<void> {
  const { profile, registry } = pipeline;
  const experiment = pipeline.experiment ?? `${table}-${profile.name}`;
  const stages = stagesOf(table);
  const status = stages.map((stage) => ({ stage, availability: stage.available() }));
  const recorded = registry.listRuns({ experiment }).length;

  log(`${table} with profile ${profile.name} (${profile.chain.join(' -> ')}${Object.keys(profile.overrides).length ? ` + ${Object.keys(profile.overrides).length} override(s)` : ''})`);
  log(`registry: ${registry.path} (${recorded} run${recorded === 1 ? '' : 's'} recorded for experiment ${experiment})`);
  log(`backend: ${profile.runtime.backend}, ${profile.runtime.workers} worker(s), root seed ${profile.runtime.seed}`);
  log('data flow:');
  const width = Math.max(...stages.map((s) => s.title.length));
  status.forEach(({ stage, availability }, i) => {
    log(`  ${i + 1}. ${stage.title.padEnd(width)}  ${availability.ok ? 'ready' : 'missing'}  ${stage.plan(profile, table)}`);
    if (!availability.ok) log(`     ${' '.repeat(width)}  ${availability.reason}`);
  });

  // The stages that exist run in order, up to the first missing one, so the work they do
  // (recorded and cached in the registry) is real; no table is written until every stage exists.
  const ctx: StageContext = { table, profile, registry, experiment, pipeline, workers: workers ?? profile.runtime.workers, log };
  for (const { stage, availability } of status) {
    if (!availability.ok) break;
    if (!stage.run) throw new Error(`stage ${stage.id} says it is available but has no run()`);
    log(`== ${stage.title}`);
    await stage.run(ctx);
  }
  const missing = status.filter((s) => !s.availability.ok).map((s) => s.stage.id);
  if (missing.length > 0)
    throw new NoResultsError(
      `no results were produced: ${missing.length} of ${stages.length} stages are not implemented yet (${missing.join(', ')})`,
    );
}

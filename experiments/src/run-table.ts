// Runs the data flow of one table: every stage adds its steps to one graph, the scheduler runs it
// (each step once, reusing finished runs), then each stage prints or writes what it reads back
// from the registry. With --plan it prints the graph's steps with their keys and whether each
// would be reused, and runs nothing. Until every stage exists it lists the stages, says which
// are missing, and produces nothing.
import { graphContext, Graph, planGraph, planLines, runGraph, type PipelineContext, type PlanContext } from '@lddm/pipeline';
import { stagesOf, type Stage, type StageBuild, type StageContext, type TableId } from './stages';

export class NoResultsError extends Error {
  override readonly name = 'NoResultsError';
}

export interface RunTableOptions {
  table: TableId;
  /** Built by withPipeline with experiment `${table}-${profile}`; absent with `plan`. */
  pipeline?: PipelineContext;
  /** Built by withPlan: print the steps, run nothing. */
  plan?: PlanContext;
  workers?: number;
  /** --workers-max-override. */
  oversubscribe?: boolean;
  log(line: string): void;
}

export async function runTable({ table, pipeline, plan, workers, oversubscribe, log }: RunTableOptions): Promise<void> {
  const env = pipeline ?? plan;
  if (env === undefined) throw new Error('runTable: give a pipeline to run, or a plan context');
  const { profile } = env;
  const experiment = env.experiment ?? `${table}-${profile.name}`;
  const stages = stagesOf(table);
  const status = stages.map((stage) => ({ stage, availability: stage.available() }));
  const recorded = pipeline ? pipeline.registry.listRuns({ experiment }).length : undefined;

  log(`${table} with profile ${profile.name} (${profile.chain.join(' -> ')}${Object.keys(profile.overrides).length ? ` + ${Object.keys(profile.overrides).length} override(s)` : ''})`);
  if (pipeline) log(`registry: ${pipeline.registry.path} (${recorded} run${recorded === 1 ? '' : 's'} recorded for experiment ${experiment})`);
  log(`backend: ${profile.runtime.backend}, ${profile.runtime.workers} worker(s), root seed ${profile.runtime.seed}`);
  log('data flow:');
  const width = Math.max(...stages.map((s) => s.title.length));
  status.forEach(({ stage, availability }, i) => {
    log(`  ${i + 1}. ${stage.title.padEnd(width)}  ${availability.ok ? 'ready' : 'missing'}  ${stage.plan(profile, table)}`);
    if (!availability.ok) log(`     ${' '.repeat(width)}  ${availability.reason}`);
  });

  // The stages that exist build the graph, up to the first missing one, so the work they do
  // (recorded and cached in the registry) is real; no table is written until every stage exists.
  const ready: Stage[] = [];
  for (const { stage, availability } of status) {
    if (!availability.ok) break;
    if (!stage.build) throw new Error(`stage ${stage.id} says it is available but has no build()`);
    ready.push(stage);
  }
  const ctx: StageContext = { table, profile, experiment, env, pipeline, workers: workers ?? profile.runtime.workers, oversubscribe, log };
  const graph = new Graph();
  const builds: StageBuild[] = ready.map((stage) => stage.build!(graph, ctx));

  if (plan) {
    const entries = await planGraph(graph, { lookup: plan.lookup, force: plan.force });
    const toRun = entries.filter((e) => !e.state.startsWith('reuse')).length;
    log(`plan: ${entries.length} steps, ${entries.length - toRun} to reuse, ${toRun} to run (source ${plan.sourceVersion}); nothing was run`);
    for (const line of planLines(entries)) log(`  ${line}`);
    return;
  }
  if (pipeline === undefined) return;
  await runGraph(graph, { ...graphContext(pipeline), experiment }, Object.assign({}, ...builds.map((b) => b.batches ?? {})));
  for (const [i, build] of builds.entries()) {
    if (build.after === undefined) continue;
    log(`== ${ready[i].title}`);
    await build.after(pipeline);
  }
  const missing = status.filter((s) => !s.availability.ok).map((s) => s.stage.id);
  if (missing.length > 0)
    throw new NoResultsError(
      `no results were produced: ${missing.length} of ${stages.length} stages are not implemented yet (${missing.join(', ')})`,
    );
}

// The scheduler on fake steps: each step once per run even when several share an upstream, the
// finished runs reused on the next run, a plan that runs and writes nothing, pending keys, batches,
// and a cycle or a missing input as an error that names the steps.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRegistry, runKey, type Registry } from '@lddm/registry';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Graph, PendingKey, schedule, type Done, type StepDef, type StepRef } from './graph';
import { planGraph, planLines, runGraph, type BatchRunner, type GraphContext } from './run-graph';

let dir: string;
let registry: Registry;
let ctx: GraphContext;
let computed: string[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'run-graph-'));
  registry = openRegistry({ path: join(dir, 'runs.db') });
  ctx = { registry, stateDir: dir, profile: 'test', experiment: 'graph', log: () => undefined };
  computed = [];
});
afterEach(() => {
  registry.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A step whose output is its name joined to its upstream outputs, and whose key follows theirs. */
function fake(graph: Graph, name: string, needs: Array<StepRef<string>>, extra: Partial<StepDef<string, string>> = {}): StepRef<string> {
  return graph.step(name, () => ({
    name,
    needs,
    keyed: (view) => {
      const inputs = needs.map((n) => view.keyed(n).key);
      const config = { name };
      return { kind: 'fake', key: runKey({ kind: 'fake', config, inputs, sourceVersion: 'test' }), config, inputs, seed: 0, sourceVersion: 'test', plainBackend: { name: 'none', version: '', threads: 0 } };
    },
    compute: async (inputs) => {
      computed.push(name);
      return `${name}(${needs.map((n) => inputs.get(n)).join(',')})`;
    },
    output: (_inputs, done: Done<string>) => done.result ?? `${name}:reused`,
    ...extra,
  }));
}

/** a <- b, a <- c, (b, c) <- d: a diamond, a shared by two steps. */
function diamond(graph = new Graph()) {
  const a = fake(graph, 'a', []);
  const b = fake(graph, 'b', [a]);
  const c = fake(graph, 'c', [a]);
  return { graph, a, b, c, d: fake(graph, 'd', [b, c]) };
}

describe('runGraph', () => {
  it('runs each step once, upstream first, even when two steps share it; a second run reuses every run', async () => {
    const { graph, d } = diamond();
    const first = await runGraph(graph, ctx);
    expect(computed).toEqual(['a', 'b', 'c', 'd']);
    expect(first.outputs.get(d.name)).toBe('d(b(a()),c(a()))');
    expect(registry.listRuns().map((r) => r.status)).toEqual(['finished', 'finished', 'finished', 'finished']);

    computed = [];
    const again = await runGraph(diamond().graph, ctx);
    expect(computed).toEqual([]);
    expect([...again.done.values()].map((x) => [x.name, x.reused, x.run.id])).toEqual([...first.done.values()].map((x) => [x.name, true, x.run.id]));
    expect(registry.listRuns()).toHaveLength(4);
  });

  it('force recomputes the steps it names', async () => {
    await runGraph(diamond().graph, ctx);
    computed = [];
    await runGraph(diamond().graph, { ...ctx, force: (name) => name === 'c' });
    expect(computed).toEqual(['c']);
  });

  it('a step that reads an upstream it did not declare is an error', async () => {
    const graph = new Graph();
    const a = fake(graph, 'a', []);
    graph.step('b', () => ({ ...graph.get('a'), name: 'b', needs: [], keyed: () => ({ kind: 'fake', key: 'k-b', config: {}, inputs: [], seed: 0, sourceVersion: 'test', plainBackend: { name: 'none', version: '', threads: 0 } }), compute: async (inputs) => inputs.get(a) }));
    await expect(runGraph(graph, ctx)).rejects.toThrow(/step b reads a, which it does not declare/);
  });

  it('hands the ready steps of a batch to its runner together, with how many were reused; a failed one blocks what follows it', async () => {
    const graph = new Graph();
    const a = fake(graph, 'a', []);
    const cells = ['x', 'y', 'z'].map((n) => fake(graph, n, [a], { batch: 'grid' }));
    fake(graph, 'after-y', [cells[1]]);
    const seen: Array<[string[], number]> = [];
    const runner: BatchRunner = async (items, here, reused) => {
      seen.push([items.map((i) => i.def.name), reused]);
      return Promise.all(items.map((i) => (i.def.name === 'y' ? new Error('y failed') : here(i))));
    };
    const run = await runGraph(graph, ctx, { grid: runner });
    expect(seen).toEqual([[['x', 'y', 'z'], 0]]);
    expect(run.failed).toEqual([
      { name: 'y', error: 'y failed' },
      { name: 'after-y', error: 'y did not finish' },
    ]);
    seen.length = 0;
    await runGraph(graph, ctx, { grid: runner });
    expect(seen).toEqual([[['y'], 2]]);
  });
});

describe('schedule', () => {
  it('is topological, in the order steps were added where free, batched steps after the unbatched ready ones', () => {
    const graph = new Graph();
    const a = fake(graph, 'a', []);
    fake(graph, 'cell', [a], { batch: 'grid' });
    const b = fake(graph, 'b', [a]);
    fake(graph, 'c', [b]);
    expect(schedule(graph.steps).map((w) => w.map((s) => s.name))).toEqual([['a'], ['b'], ['c'], ['cell']]);
  });

  it('a missing input and a cycle are errors that name the steps', () => {
    const missing = new Graph();
    fake(missing, 'b', [{ name: 'a' }]);
    expect(() => schedule(missing.steps)).toThrow('graph: step b needs a, which is not in the graph');
    const cycle = new Graph();
    fake(cycle, 'start', []);
    fake(cycle, 'a', [{ name: 'c' }]);
    fake(cycle, 'b', [{ name: 'a' }]);
    fake(cycle, 'c', [{ name: 'b' }]);
    expect(() => schedule(cycle.steps)).toThrow('graph: cycle a -> c -> b -> a');
  });

  it('a step asked for twice is added once', () => {
    const graph = new Graph();
    expect(fake(graph, 'a', [])).toEqual(fake(graph, 'a', []));
    expect(graph.steps).toHaveLength(1);
  });
});

describe('planGraph', () => {
  it('runs and writes nothing: keys and "run" before, "reuse <id>" after a run; "stale" when its files are gone', async () => {
    const before = await planGraph(diamond().graph, { lookup: registry });
    expect(computed).toEqual([]);
    expect(registry.listRuns()).toHaveLength(0);
    expect(before.map((e) => [e.name, e.state, e.needs])).toEqual([
      ['a', 'run', []],
      ['b', 'run', ['a']],
      ['c', 'run', ['a']],
      ['d', 'run', ['b', 'c']],
    ]);
    const { done } = await runGraph(diamond().graph, ctx);
    const after = await planGraph(diamond().graph, { lookup: registry });
    expect(after.map((e) => [e.name, e.key, e.state])).toEqual(before.map((e) => [e.name, e.key, `reuse ${done.get(e.name)!.run.id}`]));
    const graph = new Graph();
    fake(graph, 'a', [], { stale: () => 'its files are gone' });
    expect((await planGraph(graph, { lookup: registry }))[0].state).toBe('run (stale: its files are gone)');
    expect((await planGraph(diamond().graph, { lookup: registry, force: true })).map((e) => e.state)).toEqual(['run (forced)', 'run (forced)', 'run (forced)', 'run (forced)']);
  });

  it('a key that needs an output not made yet is pending, and so are the keys after it', async () => {
    const graph = new Graph();
    const a = fake(graph, 'a', [], { keyed: () => Promise.reject(new PendingKey('phantom')) });
    const b = fake(graph, 'b', [a]);
    fake(graph, 'c', [b]);
    const plan = await planGraph(graph, { lookup: registry });
    expect(plan.map((e) => [e.name, e.key, e.after, e.state])).toEqual([
      ['a', undefined, 'phantom', 'run'],
      ['b', undefined, 'a', 'run'],
      ['c', undefined, 'a', 'run'],
    ]);
    expect(planLines(plan)).toEqual(['1. a  (after phantom)  run', '2. b  (after a)        run  <- a', '3. c  (after a)        run  <- b']);
  });
});

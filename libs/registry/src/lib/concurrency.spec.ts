// Real processes, not threads: several trainers and evaluators share one database file, and the
// first open of a fresh file is where migrations would race.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readMigrations } from './migrate';
import { openRegistry } from './registry';
import { tempDir } from './testing';

const CHILD = fileURLToPath(new URL('./concurrency-child.ts', import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
// Children run in temp folders: point tsx at the workspace tsconfig so `@lddm/*` aliases resolve.
const TSCONFIG = fileURLToPath(new URL('../../../../tsconfig.json', import.meta.url));

interface Child {
  proc: ChildProcess;
  lines: string[];
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  waitFor: (pattern: RegExp) => Promise<string>;
}

function startChild(args: string[], cwd: string): Child {
  const proc = spawn(process.execPath, ['--import', TSX, CHILD, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TSX_TSCONFIG_PATH: TSCONFIG } });
  const lines: string[] = [];
  let err = '';
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  let buffered = '';
  proc.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const parts = buffered.split('\n');
    buffered = parts.pop()!;
    for (const line of parts) {
      lines.push(line);
      for (const w of waiters.filter((w) => w.pattern.test(line))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  });
  proc.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const waitFor = (pattern: RegExp) => {
    const seen = lines.find((l) => pattern.test(l));
    if (seen) return Promise.resolve(seen);
    return Promise.race([
      new Promise<string>((resolve) => waiters.push({ pattern, resolve })),
      exited.then(({ code, signal }) => {
        throw new Error(`child exited (${code ?? signal}) before printing ${pattern}: ${err}`);
      }),
    ]);
  };
  return { proc, lines, stderr: () => err, exited, waitFor };
}

describe('several processes on one database', () => {
  let t: ReturnType<typeof tempDir>;
  const children: Child[] = [];
  beforeEach(() => {
    t = tempDir('lddm-concurrency-');
  });
  afterEach(() => {
    for (const c of children.splice(0)) if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill('SIGKILL');
    t.cleanup();
  });

  it('6 writers opening the same fresh file at once lose nothing and never fail', async () => {
    const WRITERS = 6;
    const RUNS = 25;
    const METRICS = 20;
    const goFile = `${t.dir}/go`;
    for (let i = 0; i < WRITERS; i++) {
      children.push(startChild(['write', t.dbPath, goFile, String(RUNS), String(METRICS)], t.dir));
    }
    await Promise.all(children.map((c) => c.waitFor(/^ready$/)));
    writeFileSync(goFile, '');
    const exits = await Promise.all(children.map((c) => c.exited));
    exits.forEach((exit, i) => expect({ ...exit, stderr: children[i].stderr() }).toEqual({ code: 0, signal: null, stderr: '' }));

    const registry = openRegistry({ path: t.dbPath });
    try {
      const runs = registry.listRuns();
      expect(runs).toHaveLength(WRITERS * RUNS);
      expect(runs.every((r) => r.status === 'finished' && r.experiment === 'concurrency')).toBe(true);
      expect(new Set(runs.map((r) => r.key)).size).toBe(WRITERS * RUNS);
      expect(new Set(runs.map((r) => r.pid)).size).toBe(WRITERS);
      for (const run of runs) {
        const metrics = registry.metrics(run.id);
        expect(metrics.map((m) => m.step)).toEqual(Array.from({ length: METRICS }, (_, i) => i));
        expect(registry.params(run.id)).toEqual({ writer: run.pid, r: Number(run.key.split('-run')[1]) });
      }
      const applied = registry.db.$client.prepare('SELECT count(*) AS n FROM "__drizzle_migrations"').get();
      expect(applied).toEqual({ n: readMigrations().length });
    } finally {
      registry.close();
    }
  });

  it('many fresh databases opened by 6 processes at once are each migrated exactly once', async () => {
    const ROUNDS = 15;
    for (let i = 0; i < 6; i++) children.push(startChild(['open-rounds', t.dir, String(ROUNDS)], t.dir));
    for (let round = 0; round < ROUNDS; round++) {
      writeFileSync(`${t.dir}/go-${round}`, '');
      await Promise.all(children.map((c) => c.waitFor(new RegExp(`^opened ${round}$`))));
    }
    const exits = await Promise.all(children.map((c) => c.exited));
    exits.forEach((exit, i) => expect({ ...exit, stderr: children[i].stderr() }).toEqual({ code: 0, signal: null, stderr: '' }));
    for (let round = 0; round < ROUNDS; round++) {
      const registry = openRegistry({ path: `${t.dir}/db-${round}` });
      const applied = registry.db.$client.prepare('SELECT count(*) AS n FROM "__drizzle_migrations"').get();
      registry.close();
      expect(applied, `db-${round}`).toEqual({ n: readMigrations().length });
    }
  });

  it('one owner per key: processes asking for the same key at once compute it once, the others wait and reuse it', async () => {
    const go = `${t.dir}/go-claim`;
    const claimers = Array.from({ length: 3 }, () => startChild(['claim', t.dbPath, go], t.dir));
    children.push(...claimers);
    await Promise.all(claimers.map((c) => c.waitFor(/^ready$/)));
    writeFileSync(go, '');
    const results = await Promise.all(claimers.map((c) => c.waitFor(/^result /)));
    const exits = await Promise.all(claimers.map((c) => c.exited));
    exits.forEach((exit, i) => expect({ ...exit, stderr: claimers[i].stderr() }).toEqual({ code: 0, signal: null, stderr: '' }));
    const computed = claimers.flatMap((c) => c.lines.filter((l) => l.startsWith('computing')));
    expect(computed).toHaveLength(1);
    const id = computed[0].split(' ')[1];
    expect(results.map((r) => r.split(' ')[1])).toEqual([id, id, id]);
    expect(results.filter((r) => r.endsWith('false'))).toHaveLength(1);
    const registry = openRegistry({ path: t.dbPath });
    try {
      expect(registry.listRuns().filter((r) => r.key === 'shared').map((r) => r.status)).toEqual(['finished']);
    } finally {
      registry.close();
    }
  });

  it('a run whose process is SIGKILLed mid-step is closed as interrupted by its watchdog, with no command run afterwards', async () => {
    const child = startChild(['hang-with-run', t.dbPath], t.dir);
    children.push(child);
    const id = Number((await child.waitFor(/^started \d+$/)).split(' ')[1]);
    child.proc.kill('SIGKILL');
    await child.exited;
    const registry = openRegistry({ path: t.dbPath });
    try {
      // Polls the database only (markStaleRuns is never called); the bound is a hang guard, not the verdict.
      let run = registry.getRun(id);
      for (let i = 0; i < 600 && run?.status === 'running'; i++) {
        await new Promise((r) => setTimeout(r, 100));
        run = registry.getRun(id);
      }
      expect(run).toMatchObject({ status: 'interrupted', error: expect.stringMatching(/was killed while the run was open/) });
    } finally {
      registry.close();
    }
  });

  it('a run whose process was killed becomes interrupted through markStaleRuns', async () => {
    const child = startChild(['hang', t.dbPath], t.dir);
    children.push(child);
    const id = Number((await child.waitFor(/^started \d+$/)).split(' ')[1]);
    const registry = openRegistry({ path: t.dbPath });
    try {
      expect(registry.markStaleRuns()).toEqual([]); // alive: left alone
      expect(registry.getRun(id)?.status).toBe('running');
      child.proc.kill('SIGKILL');
      await child.exited;
      const marked = registry.markStaleRuns();
      expect(marked.map((r) => [r.id, r.status])).toEqual([[id, 'interrupted']]);
      expect(marked[0].error).toMatch(/process \d+ on .* ended without closing the run/);
      expect(registry.markStaleRuns()).toEqual([]);
    } finally {
      registry.close();
    }
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('withRun marks its run interrupted on %s and the process still ends', async (signal) => {
    const child = startChild(['hang-with-run', t.dbPath], t.dir);
    children.push(child);
    const id = Number((await child.waitFor(/^started \d+$/)).split(' ')[1]);
    child.proc.kill(signal);
    expect(await child.exited).toEqual({ code: null, signal });
    const registry = openRegistry({ path: t.dbPath });
    try {
      expect(registry.getRun(id)).toMatchObject({ status: 'interrupted', error: `interrupted by ${signal}` });
      expect(registry.getRun(id)?.endedAt).toBeInstanceOf(Date);
    } finally {
      registry.close();
    }
  });
});

// Fault injection on the (shrunk) smoke profile, with real child processes (issue 17): two
// commands on one fresh workspace, and files of finished runs changed behind the registry's back.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTsCli } from '@lddm/cli-kit';
import { findWorkspaceRoot } from '@lddm/config';
import { openRegistry } from '@lddm/registry';
import { afterAll, describe, expect, it } from 'vitest';
import { shrunkArgs } from './shrunk';

const dir = mkdtempSync(join(tmpdir(), 'experiments-faults-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const db = join(dir, 'runs.db');
const table2 = () => runTsCli('experiments/src/table2.ts', shrunkArgs(db, join(dir, 'cache')));

/** Flips one byte in the middle of a file (same size, new content). */
function flipByte(path: string): void {
  const bytes = readFileSync(path);
  bytes[bytes.length >> 1] ^= 0xff;
  writeFileSync(path, bytes);
}

describe('faults on the smoke profile', () => {
  it('two table2 commands started together on a fresh workspace both finish, and every key is computed once', async () => {
    const [a, b] = await Promise.all([table2(), table2()]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    const registry = openRegistry({ path: db });
    try {
      const runs = registry.listRuns();
      expect(runs.map((r) => r.status)).toEqual(runs.map(() => 'finished'));
      expect(new Set(runs.map((r) => r.key)).size).toBe(runs.length);
      expect(runs.length).toBe(6); // data, stage 1, stage 2, synthesis, two cells
    } finally {
      registry.close();
    }
  }, 600_000);

  it('a changed checkpoint and an edited synthetic frame are not reused: one warning each naming the file, marked corrupt, recomputed', async () => {
    const registry = openRegistry({ path: db });
    const [stage1] = registry.listRuns({ kind: 'lddm-stage1' });
    const [synthesis] = registry.listRuns({ kind: 'synthesis' });
    const checkpoint = registry.artifacts(stage1.id).find((a) => a.kind === 'checkpoint')!.path;
    const frame = registry.artifacts(synthesis.id).find((a) => a.kind === 'frame')!.path;
    registry.close();
    flipByte(checkpoint);
    flipByte(frame);
    const rerun = await table2();
    expect(rerun.code, rerun.stderr).toBe(0);
    const warnings = `${rerun.stdout}\n${rerun.stderr}`.split('\n').filter((l) => l.includes('is not reused'));
    expect(warnings).toEqual([
      expect.stringContaining(`run ${stage1.id} is not reused: ${checkpoint}: content changed since it was recorded`),
      expect.stringContaining(`run ${synthesis.id} is not reused: ${frame}: content changed since it was recorded`),
    ]);
    const after = openRegistry({ path: db });
    try {
      expect(after.getRun(stage1.id)?.status).toBe('corrupt');
      expect(after.getRun(synthesis.id)?.status).toBe('corrupt');
      for (const old of [stage1, synthesis]) {
        const again = after.listRuns({ kind: old.kind }).filter((r) => r.key === old.key && r.status === 'finished');
        expect(again, old.kind).toHaveLength(1);
        expect(again[0].id).toBeGreaterThan(old.id);
      }
      // The recomputed files are intact: nothing left to warn about.
      expect(after.verifyArtifacts(after.listRuns({ kind: 'synthesis' })[0].id)).toEqual([]);
    } finally {
      after.close();
    }
  }, 600_000);

  it('an edited dataset file: the audit of the data run names it and exits 3', async () => {
    const registry = openRegistry({ path: db });
    const [data] = registry.listRuns({ kind: 'data' }).filter((r) => r.status === 'finished');
    const file = registry.artifacts(data.id).find((a) => a.kind === 'dataset-file' && a.path.endsWith('.png'))!.path;
    registry.close();
    flipByte(file);
    const audit = await runTsCli('apps/evaluator/src/main.ts', ['audit', String(data.id), '--db', db]);
    expect(audit.code).toBe(3);
    expect(audit.stdout).toMatch(new RegExp(`^ +changed +dataset-file +${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm'));
    expect(audit.stdout).toMatch(/dataset .* changed/);
  }, 600_000);

  it('a registry kept inside the checkout (outside .lddm/) does not change the run keys: the rerun reuses every run', async () => {
    // An untracked folder at the top of the checkout, as `--db ./my-runs/runs.db` makes.
    const inside = mkdtempSync(join(findWorkspaceRoot(), 'my-runs-test-'));
    try {
      const args = shrunkArgs(join(inside, 'runs.db'), join(inside, 'cache'));
      const first = await runTsCli('experiments/src/table2.ts', args);
      expect(first.code, first.stderr).toBe(0);
      const again = await runTsCli('experiments/src/table2.ts', args);
      expect(again.code, again.stderr).toBe(0);
      expect(again.stdout).not.toMatch(/\(new\)/);
      expect(again.stdout).toMatch(/classifier grid: 2 cells, 2 finished, 0 to run/);
      const registry = openRegistry({ path: join(inside, 'runs.db') });
      try {
        expect(registry.listRuns().every((r) => !r.gitDirty || r.sourceVersion.includes('+dirty'))).toBe(true);
        expect(new Set(registry.listRuns().map((r) => r.sourceVersion)).size).toBe(1);
      } finally {
        registry.close();
      }
    } finally {
      rmSync(inside, { recursive: true, force: true });
    }
  }, 600_000);

  it('a stage-1 training killed after a checkpoint whose checkpoint is then truncated: the rerun warns, moves it aside and finishes', async () => {
    const work = join(dir, 'truncated');
    mkdirSync(work);
    const runsDb = join(work, 'runs.db');
    // Stage-1 steps of about a second, 30 epochs: the kill lands long before the end.
    const args = [...shrunkArgs(runsDb, join(work, 'cache')), '--set', 'lddm.stage1.train.length=30', '--set', 'lddm.stage1.batchSize=32', '--set', 'data.imageSize=64'];
    const child = spawn(process.execPath, ['--import', 'tsx', 'experiments/src/table2.ts', ...args], { cwd: findWorkspaceRoot(), stdio: 'ignore', detached: true });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    const checkpoint = () => {
      const runsDir = join(work, 'runs');
      const stage1 = existsSync(runsDir) ? readdirSync(runsDir).find((d) => d.startsWith('lddm-stage1-')) : undefined;
      const path = stage1 === undefined ? undefined : join(runsDir, stage1, 'checkpoint.safetensors');
      return path !== undefined && existsSync(path) ? path : undefined;
    };
    for (let i = 0; i < 6000 && checkpoint() === undefined; i++) await new Promise((r) => setTimeout(r, 100));
    const path = checkpoint();
    expect(path, 'stage 1 wrote a checkpoint').toBeDefined();
    process.kill(-child.pid!, 'SIGKILL');
    await exited;
    const before = openRegistry({ path: runsDb });
    expect(before.listRuns({ kind: 'lddm-stage1' }).map((r) => r.status)).not.toContain('finished');
    before.close();
    truncateSync(path!, Math.floor(statSync(path!).size / 2));
    const rerun = await runTsCli('experiments/src/table2.ts', args);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(`${rerun.stdout}\n${rerun.stderr}`).toMatch(/checkpoint\.safetensors is not a valid checkpoint: .*; moved it to .*checkpoint\.safetensors\.corrupt and resuming from /);
    expect(existsSync(`${path}.corrupt`)).toBe(true);
    const after = openRegistry({ path: runsDb });
    try {
      expect(after.listRuns({ kind: 'lddm-stage1' }).map((r) => r.status)).toContain('finished');
    } finally {
      after.close();
    }
  }, 600_000);

  it('Ctrl-C through nx run during a long training step records the run as interrupted', async () => {
    const ctrlC = join(dir, 'ctrl-c');
    mkdirSync(ctrlC);
    const ctrlDb = join(ctrlC, 'runs.db');
    // Long stage-1 steps (about a second each on this machine kind), so that the signal lands mid-step.
    const args = [...shrunkArgs(ctrlDb, join(ctrlC, 'cache')), '--set', 'lddm.stage1.train.length=400', '--set', 'lddm.stage1.batchSize=32', '--set', 'data.imageSize=64'];
    const nx = spawn('npx', ['nx', 'run', 'experiments:table2', '--configuration=smoke', '--', ...args.slice(2)], {
      cwd: findWorkspaceRoot(),
      env: { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false', NO_COLOR: '1' },
      detached: true, // its own process group, as a terminal's foreground job
      stdio: 'ignore',
    });
    const exited = new Promise<void>((resolve) => nx.on('exit', () => resolve()));
    const stage1 = async () => {
      try {
        const r = openRegistry({ path: ctrlDb });
        try {
          return r.listRuns({ kind: 'lddm-stage1' })[0];
        } finally {
          r.close();
        }
      } catch {
        return undefined; // the database is being created
      }
    };
    let run = await stage1();
    for (let i = 0; i < 1200 && run?.status !== 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      run = await stage1();
    }
    expect(run?.status).toBe('running');
    await new Promise((r) => setTimeout(r, 3000)); // a few steps in
    process.kill(-nx.pid!, 'SIGINT'); // what Ctrl-C sends: the whole foreground group
    await exited;
    // Hang guard only: the verdict is the status, not how long it took.
    for (let i = 0; i < 600 && run?.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      run = await stage1();
    }
    expect(run).toMatchObject({ status: 'interrupted', error: expect.stringMatching(/interrupted by SIG(INT|TERM)|was killed while the run was open/) });
  }, 600_000);
});

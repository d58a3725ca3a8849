// The usual way to run something: open the run, do the work, close the run however the work
// ends. A grid stopped with Ctrl-C leaves 'interrupted' runs, not 'running' ghosts, so the next
// invocation knows to recompute exactly those.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { sourceInfo } from './git-state';
import type { Registry, RunSpec } from './registry';
import type { RunHandle } from './run-handle';
import type { RunRecord } from './schema';

const active = new Set<RunHandle>();
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

function onSignal(signal: NodeJS.Signals): void {
  interruptAll(`interrupted by ${signal}`);
  unlisten();
  // Re-raise so the process ends as the signal intended (exit status, parent's view), or so that
  // the application's own handler, if it installed one, decides instead.
  process.kill(process.pid, signal);
}

// process.exit() from anywhere while a run is open: 'exit' handlers may only do synchronous
// work, which better-sqlite3 writes are.
function onExit(code: number): void {
  interruptAll(`process exited with code ${code} while the run was open`);
}

function interruptAll(reason: string): void {
  for (const handle of active) {
    try {
      handle.interrupt(reason);
    } catch {
      // The database may already be closed; the run stays 'running' and markStaleRuns finds it.
    }
  }
  active.clear();
}

function listen(): void {
  for (const s of SIGNALS) process.on(s, onSignal);
  process.on('exit', onExit);
}

// The signal handlers above run only between steps; a process killed during a long step (nx and
// tsx kill their children soon after a Ctrl-C) would leave its run 'running'. One watchdog per
// process and registry file closes such runs as soon as the process is gone (run-watchdog.mjs).
const WATCHDOG = fileURLToPath(new URL('./run-watchdog.mjs', import.meta.url));
const watched = new Set<string>();

function watch(dbPath: string): void {
  if (watched.has(dbPath) || process.env['LDDM_RUN_WATCHDOG'] === 'off') return;
  watched.add(dbPath);
  const args = [process.execPath, WATCHDOG, dbPath, String(process.pid), hostname()];
  // setsid -f: a new session whose parent is init, outside this process's group and tree.
  const child = existsSync('/usr/bin/setsid') ? spawn('/usr/bin/setsid', ['-f', ...args], { stdio: 'ignore' }) : spawn(args[0], args.slice(1), { stdio: 'ignore', detached: true });
  child.on('error', () => watched.delete(dbPath));
  child.unref();
}

function unlisten(): void {
  for (const s of SIGNALS) process.off(s, onSignal);
  process.off('exit', onExit);
}

/** Starts a run, calls fn, finishes it; records a failure (and rethrows) if fn throws. */
export async function withRun<T>(
  registry: Registry,
  spec: RunSpec,
  fn: (run: RunHandle) => Promise<T>,
): Promise<{ run: RunRecord; result: T }> {
  return runClaimed(registry, registry.startRun(spec), fn);
}

async function runClaimed<T>(registry: Registry, handle: RunHandle, fn: (run: RunHandle) => Promise<T>): Promise<{ run: RunRecord; result: T }> {
  watch(registry.path);
  if (active.size === 0) listen();
  active.add(handle);
  try {
    const result = await fn(handle);
    return { run: handle.finish(), result };
  } catch (error) {
    try {
      handle.fail(error);
    } catch {
      // Keep the caller's error; a failure to record it must not mask what went wrong.
    }
    throw error;
  } finally {
    active.delete(handle);
    if (active.size === 0) unlisten();
  }
}

export type ReuseOrRunResult<T> =
  | { reused: true; run: RunRecord; result?: undefined }
  | { reused: false; run: RunRecord; result: T };

/**
 * The finished run with spec.key whose files are intact, if there is one (unless force), else
 * withRun. A finished run whose files changed is marked corrupt with a one-line warning (`warn`,
 * default stderr) and recomputed as a new run.
 */
export async function reuseOrRun<T>(
  registry: Registry,
  spec: RunSpec & { force?: boolean; warn?: (line: string) => void },
  fn: (run: RunHandle) => Promise<T>,
): Promise<ReuseOrRunResult<T>> {
  const { force, warn = (line: string) => console.warn(line), ...runSpec } = spec;
  if (force) {
    const { run, result } = await withRun(registry, runSpec, fn);
    return { reused: false, run, result };
  }
  // One owner per key: a process of this host already computing the key is waited for, and its
  // run reused, instead of computing it a second time.
  let waitingFor: number | undefined;
  const source = sourceInfo(); // once: the loop below may poll for minutes
  for (;;) {
    const done = registry.findReusable(runSpec.key, (run, problems) =>
      warn(`warning: run ${run.id} (${run.kind}) is not reused: ${problems[0]}${problems.length > 1 ? ` (+${problems.length - 1} more)` : ''}; marked corrupt, recomputing`),
    );
    if (done) return { reused: true, run: done };
    const claim = registry.claimRun(runSpec, { exclusive: true, source });
    if (claim.handle !== undefined) {
      const { run, result } = await runClaimed(registry, claim.handle, fn);
      return { reused: false, run, result };
    }
    if (claim.owner !== undefined) {
      if (waitingFor !== claim.owner.id) warn(`run ${claim.owner.id} (${claim.owner.kind}) is being computed by process ${claim.owner.pid}: waiting for it`);
      waitingFor = claim.owner.id;
      await sleep(OWNER_POLL_MS);
      registry.markStaleRuns(); // an owner that died is closed as interrupted, and the key is free
    }
  }
}

const OWNER_POLL_MS = 500;

// The parent side of the grid workers: N child processes (`node --import tsx grid-worker-main.ts`,
// cwd = the workspace root so the path aliases resolve), each fed one task at a time from a shared
// queue (cells differ in cost by model, so a fixed share would leave workers idle).
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { EVENT_PREFIX, type GridEvent, type GridJobHeader, type GridTask, type TaskEvent } from './grid-worker';

export const WORKER_SCRIPT = fileURLToPath(new URL('./grid-worker-main.ts', import.meta.url));

export interface WorkerPoolOptions {
  header: GridJobHeader;
  tasks: readonly GridTask[];
  workers: number;
  onEvent(task: GridTask, event: TaskEvent): void;
  log(line: string): void;
}

export async function runInWorkers({ header, tasks, workers, onEvent, log }: WorkerPoolOptions): Promise<void> {
  const queue = [...tasks];
  const runOne = (w: number) =>
    new Promise<void>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', WORKER_SCRIPT], { cwd: header.root, env: { ...process.env, LDDM_PROGRESS: 'off' }, stdio: ['pipe', 'pipe', 'pipe'] });
      let current: GridTask | undefined;
      const next = () => {
        current = queue.shift();
        if (current === undefined) child.stdin.end();
        else child.stdin.write(`${JSON.stringify(current)}\n`);
      };
      createInterface({ input: child.stdout }).on('line', (line) => {
        if (!line.startsWith(EVENT_PREFIX)) return log(`[worker ${w}] ${line}`);
        const event = JSON.parse(line.slice(EVENT_PREFIX.length)) as GridEvent;
        if (event.type !== 'ready' && current !== undefined) onEvent(current, event);
        next();
      });
      createInterface({ input: child.stderr }).on('line', (line) => log(`[worker ${w}] ${line}`));
      child.stdin.on('error', () => undefined); // a worker that died is reported by 'close'
      child.on('error', (error) => log(`[worker ${w}] could not start: ${error.message}`));
      child.on('close', (code, signal) => {
        if (current !== undefined) onEvent(current, { type: 'failed', key: current.key, error: `worker ${w} exited (${signal ?? `code ${code}`}) during the cell` });
        else if (code !== 0) log(`[worker ${w}] exited (${signal ?? `code ${code}`})`);
        resolve();
      });
      child.stdin.write(`${JSON.stringify(header)}\n`);
    });
  await Promise.all(Array.from({ length: Math.max(1, Math.min(workers, tasks.length)) }, (_, i) => runOne(i + 1)));
  // Every worker gone (e.g. none could start): what is left did not run.
  for (const task of queue.splice(0)) onEvent(task, { type: 'failed', key: task.key, error: 'no worker left to run it' });
}

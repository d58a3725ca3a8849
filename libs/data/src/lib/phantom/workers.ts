// A small pool of worker threads running worker.ts, fed one task at a time from a shared
// queue. The worker is TypeScript and Node 20 workers inherit no loader hooks (nor accept
// --import in execArgv), so a two-line bootstrap registers tsx's loader in the worker first.
import { Worker } from 'node:worker_threads';
import type { WorkerInit, WorkerTask } from './worker';

export class PhantomWorkers {
  private readonly workers: Worker[];

  constructor(count: number, init: WorkerInit) {
    const url = new URL('./worker.ts', import.meta.url).href;
    const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url)}); });`;
    this.workers = Array.from({ length: count }, () => new Worker(bootstrap, { eval: true, workerData: init }));
  }

  /** Run every task, each on the next free worker; results in the order of `tasks`. */
  async run<R>(tasks: readonly WorkerTask[], onDone: () => void = () => {}): Promise<R[]> {
    const results = new Array<R>(tasks.length);
    let next = 0;
    const drive = (w: Worker): Promise<void> =>
      new Promise((resolve, reject) => {
        const feed = (): void => {
          if (next >= tasks.length) {
            w.off('message', onMessage);
            w.off('error', reject);
            resolve();
            return;
          }
          const i = next++;
          current = i;
          w.postMessage(tasks[i]);
        };
        let current = -1;
        const onMessage = (msg: { ok: boolean; result?: R; error?: string }): void => {
          if (!msg.ok) {
            reject(new Error(`phantom worker failed: ${msg.error}`));
            return;
          }
          results[current] = msg.result as R;
          onDone();
          feed();
        };
        w.on('message', onMessage);
        w.on('error', reject);
        feed();
      });
    await Promise.all(this.workers.map(drive));
    return results;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

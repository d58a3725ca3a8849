// Worker-thread entry: renders the videos and images the main thread hands it, one at a time,
// so that two cores share the work however unequal the videos' lengths are.
import { parentPort, workerData } from 'node:worker_threads';
import type { PhantomConfig } from './config';
import type { VideoPlan } from './plan';
import { writeImages, type ImageJob } from './write-busi';
import { writeVideo, type VideoDirs } from './write-video';

export interface WorkerInit {
  config: PhantomConfig;
  videoDirs: VideoDirs;
  busiRoot: string;
  busiTmp: string;
}

export type WorkerTask = { type: 'video'; plan: VideoPlan } | { type: 'image'; job: ImageJob };

const init = workerData as WorkerInit;
const port = parentPort;
if (!port) throw new Error('phantom worker: not started as a worker thread');

port.on('message', (task: WorkerTask) => {
  const run = async (): Promise<unknown> =>
    task.type === 'video'
      ? writeVideo(task.plan, init.config, init.videoDirs)
      : writeImages([task.job], init.config, init.busiRoot, init.busiTmp);
  run().then(
    (result) => port.postMessage({ ok: true, result }),
    (err: unknown) => port.postMessage({ ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
  );
});

// Entry of a grid worker process (spawned by runClassifierGrid as `node --import tsx <this file>`).
import { createInterface } from 'node:readline';
import { EVENT_PREFIX, runGridWorker } from './grid-worker';

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
try {
  await runGridWorker(lines, (event) => process.stdout.write(`${EVENT_PREFIX}${JSON.stringify(event)}\n`), (line) => process.stderr.write(`${line}\n`));
} catch (error) {
  process.stderr.write(`grid worker: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
}

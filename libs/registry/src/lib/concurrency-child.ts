// Child process for concurrency.spec.ts, run as `node --import tsx concurrency-child.ts <mode> …`.
// Modes:
//   write <db> <goFile> <runs> <metrics>  wait for goFile, then open the db (fresh: migrations
//                                         race here) and write runs, each with metrics and a param
//   open-rounds <dir> <rounds>            for each round i: wait for <dir>/go-i, open <dir>/db-i
//                                         (fresh), close, print `opened i`; many fresh starts
//                                         make a migration race likely if one exists
//   hang <db>                             open a run, print its id, wait to be killed
//   hang-with-run <db>                    the same inside withRun, to test its signal handling
//   claim <db> <goFile>                   wait for goFile, then reuseOrRun one shared key whose
//                                         work takes a second; print `computing <id>` when it
//                                         computes and `result <id> <reused>` at the end
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { openRegistry } from './registry';
import { testSpec } from './testing';
import { reuseOrRun, withRun } from './with-run';

const [mode, dbPath, goFile, runsArg, metricsArg] = process.argv.slice(2);
const forever = () => new Promise<never>(() => setInterval(() => undefined, 1 << 30));

if (mode === 'write') {
  process.stdout.write('ready\n');
  // Start together: the parent creates goFile once every child is up, so all open the fresh
  // database within milliseconds of each other.
  while (!existsSync(goFile)) await sleep(2);
  const registry = openRegistry({ path: dbPath });
  for (let r = 0; r < Number(runsArg); r++) {
    const run = registry.startRun(testSpec({ key: `pid${process.pid}-run${r}`, experiment: 'concurrency' }));
    run.logParams({ writer: process.pid, r });
    run.logMetrics(Array.from({ length: Number(metricsArg) }, (_, step) => ({ name: 'loss', value: 1 / (step + 1), step })));
    run.finish();
  }
  registry.close();
  process.stdout.write('done\n');
} else if (mode === 'open-rounds') {
  const dir = dbPath;
  for (let i = 0; i < Number(goFile); i++) {
    while (!existsSync(`${dir}/go-${i}`)) await sleep(1);
    openRegistry({ path: `${dir}/db-${i}` }).close();
    process.stdout.write(`opened ${i}\n`);
  }
} else if (mode === 'hang') {
  const registry = openRegistry({ path: dbPath });
  const run = registry.startRun(testSpec({ key: 'hang' }));
  process.stdout.write(`started ${run.id}\n`);
  await forever();
} else if (mode === 'hang-with-run') {
  const registry = openRegistry({ path: dbPath });
  await withRun(registry, testSpec({ key: 'hang-with-run' }), async (run) => {
    process.stdout.write(`started ${run.id}\n`);
    return forever();
  });
} else if (mode === 'claim') {
  process.stdout.write('ready\n');
  while (!existsSync(goFile)) await sleep(2);
  const registry = openRegistry({ path: dbPath });
  const outcome = await reuseOrRun(registry, { ...testSpec({ key: 'shared' }), warn: () => undefined }, async (run) => {
    process.stdout.write(`computing ${run.id}\n`);
    await sleep(1000);
    return 1;
  });
  process.stdout.write(`result ${outcome.run.id} ${outcome.reused}\n`);
  registry.close();
} else {
  throw new Error(`concurrency-child: unknown mode ${mode}`);
}

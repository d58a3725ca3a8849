// Watchdog of one process's open runs (plain Node, no TypeScript: it must start fast and outlive
// the process it watches). Started by with-run.ts as `setsid -f node run-watchdog.mjs <db> <pid>
// <host>`, so that neither a terminal's Ctrl-C (another process group) nor a tool killing the
// watched process tree (nx, tsx) reaches it. When the watched process is gone, its runs that
// are still 'running' are closed as 'interrupted': a process killed in the middle of a long wasm
// step, where no signal handler can run, is recorded within a poll interval.
import { hostname } from 'node:os';
import { createRequire } from 'node:module';

const [dbPath, pidText, host = hostname()] = process.argv.slice(2);
const pid = Number(pidText);
const POLL_MS = 250;

function alive() {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

const timer = setInterval(() => {
  if (alive()) return;
  clearInterval(timer);
  try {
    const Database = createRequire(import.meta.url)('better-sqlite3');
    const db = new Database(dbPath);
    db.pragma('busy_timeout = 30000');
    db.prepare(`UPDATE runs SET status = 'interrupted', ended_at = ?, error = coalesce(error, ?) WHERE status = 'running' AND pid = ? AND host = ?`).run(
      Date.now(),
      `process ${pid} on ${host} was killed while the run was open (e.g. Ctrl-C during a step)`,
      pid,
      host,
    );
    db.close();
  } catch {
    // Nothing to do: markStaleRuns will find the run on the next command.
  }
}, POLL_MS);

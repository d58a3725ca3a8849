// Totals the per-project vitest summaries of a `npm run verify` log into one line:
//   tests: N passed, N failed, N skipped (P projects)
// Exits 1 when no summary was found (the test step did not run) or a project failed.
import { readFileSync } from 'node:fs';

const text = readFileSync(process.argv[2], 'utf8').replace(/\u001b\[[0-9;]*m/g, '');
const totals = { passed: 0, failed: 0, skipped: 0 };
let projects = 0;
for (const line of text.split('\n')) {
  const m = /^\s*(?:[\w-]+:\s+)?Tests\s+(.+)\(\d+\)\s*$/.exec(line);
  if (m === null) continue;
  projects += 1;
  for (const kind of Object.keys(totals)) {
    const n = new RegExp(`(\\d+) ${kind}`).exec(m[1]);
    if (n !== null) totals[kind] += Number(n[1]);
  }
}
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped (${projects} projects)`);
process.exit(projects === 0 || totals.failed > 0 ? 1 : 0);

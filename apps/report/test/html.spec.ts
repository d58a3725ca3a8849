// End to end: `report html` over a registry filled with fixture runs, then the page opened in
// headless Chromium (Debian's package, installed by .ci/run) as a reader would open it from disk.
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runTsCli } from '@lddm/cli-kit';
import { openRegistry } from '@lddm/registry';
import { seedFixtureRuns } from '@lddm/reporting';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium)
  console.warn(`\n!!! ${CHROMIUM} is missing: the browser end-to-end test of report.html is SKIPPED. Install Debian's chromium package (apt-get install -y chromium; .ci/run does).\n`);

const report = (...args: string[]) => runTsCli('apps/report/src/main.ts', args);

let dir: string;
let db: string;
let out: string;
let cli: Awaited<ReturnType<typeof report>>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'report-html-'));
  db = join(dir, 'runs.db');
  const registry = openRegistry({ path: db });
  await seedFixtureRuns(registry, dir);
  registry.close();
  out = join(dir, 'out');
  cli = await report('html', '--out', out, '--db', db);
});
// LDDM_KEEP_TMP=1 keeps the folder (report, screenshot) for a person to look at.
afterAll(() => {
  if (process.env['LDDM_KEEP_TMP'] === '1') console.log(`kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
});

describe('report html', () => {
  it('writes report.html and the table exports atomically, and prints the path', () => {
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    expect(cli.stdout.trim()).toBe(join(out, 'report.html'));
    expect(readdirSync(out).sort()).toEqual(['report.html', 'table1.csv', 'table1.json', 'table2.csv', 'table2.json', 'tables.md']);
    console.log(`report.html on the fixture: ${statSync(join(out, 'report.html')).size} bytes`);
  });

  it('an empty registry or an unknown experiment: one line, exit 2', async () => {
    const empty = join(dir, 'empty.db');
    openRegistry({ path: empty }).close();
    const runs = await Promise.all([['--db', empty], ['--db', db, '--experiment', 'nope']].map((args) => report('html', '--out', join(dir, 'never'), ...args)));
    for (const r of runs) {
      expect(r.code).toBe(2);
      expect(r.errLines).toHaveLength(1);
      expect(r.errLines[0]).toMatch(/^report: error: no finished runs.* in the registry at .*: nothing to report/);
    }
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });

  // Under CI (.ci/run installs chromium) a missing browser fails rather than skips.
  it.skipIf(!hasChromium && process.env['CI'] !== '1')('renders in headless Chromium from disk: tables, images, no console errors; screenshot saved', async () => {
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'], headless: true });
    try {
      const page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
      const problems: string[] = [];
      page.on('console', (m) => void (m.type() === 'error' && problems.push(`console: ${m.text()}`)));
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('requestfailed', (r) => problems.push(`request failed: ${r.url().slice(0, 80)}`));
      await page.goto(pathToFileURL(join(out, 'report.html')).href, { waitUntil: 'load' });

      expect(await page.locator('#table1 tbody tr').count()).toBe(2);
      expect(await page.locator('#table2 tbody tr').count()).toBe(24);
      const firstRow = await page.locator('#table2 tbody tr').first().innerText();
      expect(firstRow).toMatch(/C3D\s+7:3\s+cINN\s+68\.00 ± 2\.83\s+70\.96\s+-2\.96/);
      expect(await page.locator('#table2 td.win').count()).toBeGreaterThan(0);

      // The tsconfig has no DOM lib: the image element's two fields are typed here.
      type Img = { getAttribute(name: string): string | null; complete: boolean; naturalWidth: number };
      const images = await page.locator('img').evaluateAll((els) =>
        (els as unknown as Img[]).map((e) => ({ alt: e.getAttribute('alt'), complete: e.complete, width: e.naturalWidth })),
      );
      // 5 charts, 1 strip, 1 GIF, 1 WebP.
      expect(images).toHaveLength(8);
      for (const img of images) expect(img, img.alt ?? '').toMatchObject({ complete: true, width: expect.any(Number) });
      expect(images.every((i) => i.width > 0)).toBe(true);
      expect(problems).toEqual([]);

      const shot = join(dir, 'report.png');
      await page.screenshot({ path: shot, fullPage: true });
      console.log(`screenshot: ${shot} (${statSync(shot).size} bytes)`);
      expect(statSync(shot).size).toBeGreaterThan(10_000);
    } finally {
      await browser.close();
    }
  });
});

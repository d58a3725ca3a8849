// The report written to a folder: report.html plus the tables' Markdown / CSV / JSON exports,
// each file atomically (a reader never sees half a report). Used by `report html` and by the
// last stage of the table1 / table2 experiments.
import { join, resolve } from 'node:path';
import { type Registry } from '@lddm/registry';
import { writeFileAtomic } from '@lddm/runtime/files';
import { buildReport, REPORT_FILES } from './render-report';

export async function writeReport(registry: Registry, outDir: string, options: { experiment?: string; title?: string } = {}): Promise<{ html: string; files: string[] }> {
  const { files } = buildReport(registry, options);
  const written: string[] = [];
  for (const name of REPORT_FILES) {
    const path = join(outDir, name);
    await writeFileAtomic(path, files[name]);
    written.push(path);
  }
  return { html: resolve(outDir, 'report.html'), files: written };
}

// Writing results: atomically to a file (temporary name, then rename) or to stdout.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Writes `text` to `file` so that readers see either the old or the complete new content. */
export function writeFileAtomic(file: string, text: string): void {
  const target = resolve(file);
  mkdirSync(dirname(target), { recursive: true });
  const tmp = `${target}.tmp-${process.pid}-${Date.now().toString(36)}`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, target);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}

/** Writes to `out` atomically when given, else to stdout. A trailing newline is ensured. */
export function writeOutput(text: string, out?: string): void {
  const body = text.endsWith('\n') ? text : `${text}\n`;
  if (out === undefined) process.stdout.write(body);
  else writeFileAtomic(out, body);
}

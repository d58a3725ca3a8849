// Writing results: atomically to a file (temporary name, fsync, rename) or to stdout.
import { writeFileAtomicSync } from '@lddm/runtime/files';

/** Writes to `out` atomically when given, else to stdout. A trailing newline is ensured. */
export function writeOutput(text: string, out?: string): void {
  const body = text.endsWith('\n') ? text : `${text}\n`;
  if (out === undefined) process.stdout.write(body);
  else writeFileAtomicSync(out, body);
}

// The CLIs' error policy, in one place:
//   bad input (unknown flag, failed check, missing file, unknown id) -> one line, exit 2
//   a failure while working                                         -> one line, exit 1
// The full stack is printed only with LDDM_DEBUG=1.
import { ConfigError } from '@lddm/config';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** Bad input from the user: the command could not start. Exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function isUsageError(error: unknown): boolean {
  return error instanceof UsageError || error instanceof ConfigError;
}

// Errors of the user's files, by name (the libraries that throw them sit beside or above this
// one): a data file that cannot be read (libs/data DataError), a runs database that cannot be
// opened (libs/registry RegistryOpenError), a file that cannot be written (read-only folder,
// disk full: libs/runtime WriteError). Their messages name the file and the fix.
const BAD_INPUT_ERRORS = new Set(['DataError', 'RegistryOpenError', 'WriteError']);

/** Bad input (exit 2): usage and config errors, and errors naming a user's file. */
export function isBadInput(error: unknown): boolean {
  return isUsageError(error) || (error instanceof Error && BAD_INPUT_ERRORS.has(error.name));
}

/** The first non-empty line of an error's message (whitespace collapsed). */
export function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = text.split('\n').find((l) => l.trim() !== '') ?? (error instanceof Error ? error.name : 'unknown error');
  return line.trim().replace(/\s+/g, ' ');
}

export const debugEnabled = () => ['1', 'true', 'yes'].includes((process.env['LDDM_DEBUG'] ?? '').toLowerCase());

// One error type for every problem with the data on disk. Its message is a single line that
// names the file (or folder) and says what to do, so that a CLI can print it as it is:
//   <path>: <what is wrong>; <what to do>
export class DataError extends Error {
  override readonly name = 'DataError';
  constructor(
    /** The file or folder that must change. */
    readonly path: string,
    /** What is wrong with it. */
    readonly problem: string,
    /** What the user can do about it. */
    readonly hint: string,
  ) {
    super(`${path}: ${problem}; ${hint}`.replace(/\s*\n\s*/g, ' '));
  }
}

export const isDataError = (error: unknown): error is DataError => error instanceof DataError;

/** The first line of any error, for wrapping a library's multi-line message into a DataError. */
export function errorLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split('\n').find((l) => l.trim() !== '') ?? 'unknown error').trim();
}

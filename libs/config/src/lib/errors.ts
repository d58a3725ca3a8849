// One error type for every configuration problem. Its message is a single line:
//   <file>: <field.path>: <what was expected>, got <value>
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    message: string,
    /** The file (or "--set key") that must change. */
    readonly where: string,
    /** Dotted field path, '' when the problem is the file itself. */
    readonly field: string,
  ) {
    super(message);
  }
}

export function configError(where: string, field: string, detail: string): ConfigError {
  const line = [where, field, detail].filter((s) => s !== '').join(': ');
  return new ConfigError(line.replace(/\s*\n\s*/g, ' '), where, field);
}

/** A short, one-line rendering of any JSON value for error messages. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing (the field is missing)';
  const text = JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Dotted path for display: ['a', 'b', 0] -> "a.b.0". */
export const dotted = (path: readonly PropertyKey[]) => path.map(String).join('.');

// Errors from this lib are one line: a caught error's first line goes into our own message.
export function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n', 1)[0] ?? message;
}

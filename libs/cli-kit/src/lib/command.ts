// defineCommand: a yargs command whose parsed arguments are checked by a zod schema before the
// handler sees them, so that handlers receive exactly the typed values they declare.
import type { Argv } from 'yargs';
import type { z } from 'zod';
import { UsageError } from './errors';

export interface CommandContext {
  /** The CLI's name, e.g. "trainer". */
  script: string;
  /** Writes one chunk to stdout (a newline is added when missing). */
  print(text: string): void;
  /** Writes one chunk to stderr (a newline is added when missing). */
  warn(text: string): void;
}

/** What a handler may return: nothing (exit 0) or an exit code (e.g. 1 when an audit fails). */
export type HandlerResult = void | number;

export interface CommandSpec<S extends z.ZodType> {
  /** yargs command string: name plus positionals, e.g. "audit <runId>". */
  command: string;
  describe: string;
  /** Declares the options (yargs builder). */
  options?: (yargs: Argv) => Argv;
  /** Validates the parsed argv; unknown keys (yargs' own, aliases) are stripped. */
  schema: S;
  handler: (args: z.output<S>, ctx: CommandContext) => HandlerResult | Promise<HandlerResult>;
}

/** A command with its types erased behind validation: what runCli takes. */
export interface CliCommand {
  command: string;
  describe: string;
  name: string;
  positionals: string[];
  builder: (yargs: Argv) => Argv;
  run(argv: Record<string, unknown>, ctx: CommandContext): Promise<HandlerResult>;
}

const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

function describeArg(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' && Number.isNaN(value)) return 'a value that is not a number';
  return JSON.stringify(value) ?? String(value);
}

/** "--limit: expected a positive integer, got -3" or "<runId>: ...". */
export function formatArgIssue(issue: z.core.$ZodIssue, argv: Record<string, unknown>, positionals: string[]): string {
  const key = String(issue.path[0] ?? '');
  const name = positionals.includes(key) ? `<${key}>` : key === '' ? 'arguments' : `--${kebab(key)}`;
  const value = issue.path.reduce<unknown>(
    (v, seg) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[String(seg)] : undefined),
    argv,
  );
  let message = issue.message;
  if (issue.code === 'invalid_type' && message.startsWith('Invalid input')) message = `expected ${/^[aeiou]/.test(issue.expected) ? 'an' : 'a'} ${issue.expected}`;
  else if (issue.code === 'invalid_value' && message.startsWith('Invalid option'))
    message = `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  else if (!message.startsWith('expected')) message = message.charAt(0).toLowerCase() + message.slice(1);
  return `${name}: ${message}, got ${describeArg(value)}`;
}

export function defineCommand<S extends z.ZodType>(spec: CommandSpec<S>): CliCommand {
  const name = spec.command.trim().split(/\s+/)[0];
  const positionals = [...spec.command.matchAll(/[<[]([\w-]+)(?:\.\.)?[>\]]/g)].map((m) => m[1]);
  return {
    command: spec.command,
    describe: spec.describe,
    name,
    positionals,
    builder: spec.options ?? ((y) => y),
    async run(argv, ctx) {
      const parsed = spec.schema.safeParse(argv);
      if (!parsed.success) throw new UsageError(formatArgIssue(parsed.error.issues[0], argv, positionals));
      return spec.handler(parsed.data, ctx);
    },
  };
}

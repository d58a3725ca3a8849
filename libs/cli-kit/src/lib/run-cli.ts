// runCli: one yargs parser per CLI with --help everywhere, strict options, a required command,
// and the error policy of errors.ts. Returns the exit code; the caller sets process.exitCode.
import yargs from 'yargs';
import type { CliCommand, CommandContext } from './command';
import { debugEnabled, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, firstLine, isBadInput, isUsageError, UsageError } from './errors';

export interface RunCliOptions {
  /** Program name used in help and error lines, e.g. "trainer". */
  scriptName: string;
  /** One-line description shown at the top of --help. */
  describe?: string;
  commands: readonly CliCommand[];
  /** Arguments without node and the script, e.g. process.argv.slice(2). */
  argv: readonly string[];
  /** Where output goes; defaults to process.stdout / process.stderr. */
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
}

const withNewline = (s: string) => (s.endsWith('\n') ? s : `${s}\n`);

// yargs' own messages, reworded to match ours: "unknown argument: --foo", "<name>: ...".
function usageMessage(msg: string, argv: readonly string[], command: CliCommand | undefined): string {
  const m = msg.replace(/\s*\n\s*/g, ' ').trim();
  const flag = (a: string) => (command?.positionals.includes(a) ? `<${a}>` : a.length === 1 ? `-${a}` : `--${a}`);
  const unknown = /^Unknown arguments?: (.*)$/.exec(m);
  if (unknown) {
    const items = unknown[1].split(', ').map((a) => {
      if (!argv.includes(a)) return `unknown option ${flag(a)}`;
      return command ? `unexpected argument "${a}"` : `unknown command "${a}"`;
    });
    return items.join('; ');
  }
  const choices = /^Invalid values: Argument: ([\w-]+), Given: (.*), Choices: (.*)$/.exec(m);
  if (choices) return `${flag(choices[1])}: expected one of ${choices[3]}, got ${choices[2]}`;
  if (/^Not enough non-option arguments/.test(m)) {
    const required = [...(command?.command.matchAll(/<([\w-]+)>/g) ?? [])].map((x) => `<${x[1]}>`);
    return required.length > 0 ? `missing required argument ${required.join(' ')}` : 'missing a required argument';
  }
  const missing = /^Missing required arguments?: (.*)$/.exec(m);
  if (missing) return `missing required option ${missing[1].split(', ').map(flag).join(', ')}`;
  return m.charAt(0).toLowerCase() + m.slice(1);
}

export async function runCli(opts: RunCliOptions): Promise<number> {
  const out = opts.stdout ?? ((t: string) => void process.stdout.write(t));
  const err = opts.stderr ?? ((t: string) => void process.stderr.write(t));
  const script = opts.scriptName;
  const ctx: CommandContext = { script, print: (t) => out(withNewline(t)), warn: (t) => err(withNewline(t)) };
  const commandName = opts.argv.find((a) => !a.startsWith('-'));
  // A '$0' command is the default: a single-purpose script (e.g. experiments/src/table2.ts).
  const fallback = opts.commands.find((c) => c.name === '$0');
  const named = opts.commands.find((c) => c.name === commandName && c !== fallback);
  const command = named ?? fallback;
  const helpHint = `(try '${script}${named ? ` ${named.name}` : ''} --help')`;

  const report = (error: unknown): number => {
    const usage = isUsageError(error);
    ctx.warn(`${script}: error: ${firstLine(error)}${usage ? ` ${helpHint}` : ''}`);
    if (debugEnabled() && error instanceof Error && error.stack) ctx.warn(error.stack);
    return isBadInput(error) ? EXIT_USAGE : EXIT_FAILURE;
  };

  let work: (() => Promise<number | void>) | undefined;
  const parser = yargs([...opts.argv])
    .scriptName(script)
    .usage(`${opts.describe ? `${opts.describe}\n\n` : ''}Usage: $0 ${fallback ? '[options]' : '<command> [options]'}`)
    .strict()
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version(false)
    .showHelpOnFail(false)
    .exitProcess(false)
    .wrap(Math.min(110, process.stdout.columns || 100))
    .fail((msg, error) => {
      // Parse errors only: handlers never throw into yargs (see `work`).
      throw new UsageError(msg ? usageMessage(msg, opts.argv, command) : firstLine(error));
    });
  if (!fallback) parser.demandCommand(1, 'missing a command');
  for (const c of opts.commands) {
    parser.command(c.command, c.describe, (y) => c.builder(y).help().strict(), (argv) => {
      work = () => c.run(argv as Record<string, unknown>, ctx);
    });
  }

  let helpText = '';
  try {
    await parser.parseAsync([...opts.argv], {}, (_e, _argv, output) => {
      helpText = output;
    });
  } catch (error) {
    return report(error instanceof UsageError ? error : new UsageError(firstLine(error)));
  }
  if (work === undefined) {
    // --help (or a parse that ran no command without failing).
    if (helpText) out(withNewline(helpText));
    return EXIT_OK;
  }
  try {
    const code = await work();
    return typeof code === 'number' ? code : EXIT_OK;
  } catch (error) {
    return report(error);
  }
}

/** Runs a CLI as the process's entry point: sets process.exitCode. */
export async function main(opts: Omit<RunCliOptions, 'argv'> & { argv?: readonly string[] }): Promise<void> {
  process.exitCode = await runCli({ ...opts, argv: opts.argv ?? process.argv.slice(2) });
}

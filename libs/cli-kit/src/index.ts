// @lddm/cli-kit: the plumbing the three CLIs share: commands checked by zod, one error policy,
// common options, run tables and atomic output.
export { defineCommand, formatArgIssue, type CliCommand, type CommandContext, type CommandSpec, type HandlerResult } from './lib/command';
export { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError, debugEnabled, firstLine, isUsageError } from './lib/errors';
export { BACKEND_CHOICES, PIPELINE_OPTIONS, commonArgs, pipelineArgs, profileDefault, resolveProfile, withOptions, type CommonOption } from './lib/options';
export { writeOutput } from './lib/output';
export { main, runCli, type RunCliOptions } from './lib/run-cli';
export { RUN_COLUMNS, openRunRegistry, withRegistry } from './lib/registry';
export { runTsCli, type Spawned } from './lib/spawn';

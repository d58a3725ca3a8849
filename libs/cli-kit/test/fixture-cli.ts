// A small CLI built with cli-kit, spawned by the tests as a real child process.
import { z } from 'zod';
import { commonArgs, defineCommand, main, resolveProfile, UsageError, withOptions } from '../src/index';

const greet = defineCommand({
  command: 'greet <name>',
  describe: 'greet someone',
  options: (y) => y.positional('name', { type: 'string', describe: 'who' }).option('times', { type: 'number', default: 1 }),
  schema: z.object({
    name: z.string().min(2, { error: 'expected at least 2 characters' }),
    times: z.number().int().positive({ error: 'expected a positive integer' }),
  }),
  handler: ({ name, times }, ctx) => {
    for (let i = 0; i < times; i++) ctx.print(`hello ${name}`);
  },
});

const profile = defineCommand({
  command: 'profile',
  describe: 'print the resolved profile',
  options: (y) => withOptions(y, 'profile', 'set', 'seed'),
  schema: z.object({ profile: commonArgs.profile, set: commonArgs.set, seed: commonArgs.seed }),
  handler: (args, ctx) => {
    const p = resolveProfile(args);
    ctx.print(`${p.name} ${p.data.imageSize} ${p.runtime.seed} ${p.grid.seeds}`);
  },
});

const fail = defineCommand({
  command: 'fail [kind]',
  describe: 'fail on purpose',
  options: (y) => y.positional('kind', { type: 'string', choices: ['work', 'usage', 'code'], default: 'work' }),
  schema: z.object({ kind: z.enum(['work', 'usage', 'code']) }),
  handler: ({ kind }) => {
    if (kind === 'usage') throw new UsageError('no such thing: x');
    if (kind === 'code') return 3;
    throw new Error('disk on fire\nsecond line');
  },
});

await main({ scriptName: 'fixture', describe: 'A test CLI.', commands: [greet, profile, fail] });

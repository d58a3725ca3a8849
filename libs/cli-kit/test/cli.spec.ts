import { describe, expect, it } from 'vitest';
import { runTsCli as runTs } from '../src/lib/spawn';

const fixture = (...args: string[]) => runTs('libs/cli-kit/test/fixture-cli.ts', args);
const debug = (...args: string[]) => runTs('libs/cli-kit/test/fixture-cli.ts', args, { LDDM_DEBUG: '1' });

function expectUsageError(r: Awaited<ReturnType<typeof fixture>>, pattern: RegExp) {
  expect(r.code).toBe(2);
  expect(r.errLines).toHaveLength(1);
  expect(r.errLines[0]).toMatch(/^fixture: error: /);
  expect(r.errLines[0]).toMatch(pattern);
  expect(r.errLines[0]).toMatch(/\(try 'fixture( \w+)? --help'\)$/);
  expect(r.stdout).toBe('');
}

describe.concurrent('a cli-kit CLI as a child process', () => {
  it('--help exits 0 and lists the commands', async () => {
    const r = await fixture('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('A test CLI.');
    for (const c of ['greet <name>', 'profile', 'fail [kind]']) expect(r.stdout).toContain(c);
    expect(r.stderr).toBe('');
  });

  it('--help works on a command', async () => {
    const r = await fixture('greet', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--times');
  });

  it('runs a command with validated arguments', async () => {
    const r = await fixture('greet', 'bob', '--times', '2');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('hello bob\nhello bob\n');
  });

  it('unknown flag: exit 2, one line', async () => {
    expectUsageError(await fixture('greet', 'bob', '--frob'), /unknown option --frob/);
  });

  it('unknown command and missing command: exit 2, one line', async () => {
    expectUsageError(await fixture('nosuch'), /unknown command "nosuch"/);
    expectUsageError(await fixture(), /missing a command/);
  });

  it('missing required argument: exit 2, one line', async () => {
    expectUsageError(await fixture('greet'), /missing required argument <name>/);
  });

  it('bad value caught by zod or by yargs choices: exit 2, one line', async () => {
    expectUsageError(await fixture('greet', 'bob', '--times', '-1'), /--times: expected a positive integer, got -1/);
    expectUsageError(await fixture('greet', 'b'), /<name>: expected at least 2 characters, got "b"/);
    expectUsageError(await fixture('fail', 'bogus'), /<kind>: expected one of "work", "usage", "code", got "bogus"/);
  });

  it('bad profile and bad --set: exit 2, one line naming the field', async () => {
    expectUsageError(await fixture('profile', '--profile', 'nosuch'), /unknown profile "nosuch"/);
    expectUsageError(await fixture('profile', '--set', 'grid.seeds=-1'), /--set grid\.seeds: grid\.seeds: expected a positive integer, got -1/);
  });

  it('common options resolve the profile with overrides and --seed', async () => {
    const r = await fixture('profile', '--profile', 'smoke', '--set', 'grid.seeds=2', '--set', 'data.imageSize=64', '--seed', '7');
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('smoke 64 7 2');
  });

  it('a failure during work: exit 1, one line; the stack only with LDDM_DEBUG=1', async () => {
    const r = await fixture('fail');
    expect(r.code).toBe(1);
    expect(r.errLines).toEqual(['fixture: error: disk on fire']);
    const d = await debug('fail');
    expect(d.code).toBe(1);
    expect(d.errLines[0]).toBe('fixture: error: disk on fire');
    expect(d.stderr).toMatch(/at .*fixture-cli\.ts/);
  });

  it('a usage error thrown by a handler exits 2; a returned code is the exit code', async () => {
    expectUsageError(await fixture('fail', 'usage'), /no such thing: x/);
    expect((await fixture('fail', 'code')).code).toBe(3);
  });
});

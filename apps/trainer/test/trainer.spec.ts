import { runTsCli } from '@lddm/cli-kit';
import { describe, expect, it } from 'vitest';

const trainer = (...args: string[]) => runTsCli('apps/trainer/src/main.ts', args);

describe.concurrent('trainer', () => {
  it('--help lists the commands', async () => {
    const r = await trainer('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/trainer backend/);
    expect(r.stdout).toMatch(/trainer profile/);
  });

  it('backend --backend cpu --json prints BackendInfo', async () => {
    const r = await trainer('backend', '--backend', 'cpu', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ requested: 'cpu', name: 'cpu', threads: 1, tried: [{ name: 'cpu', ok: true }] });
  });

  it('backend (human) names the backend, version and threads', async () => {
    const r = await trainer('backend', '--backend', 'cpu');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^backend +cpu \(@tensorflow\/tfjs-backend-cpu \d+\.\d+\.\d+\)$/m);
    expect(r.stdout).toMatch(/^threads +1$/m);
  });

  it('profile prints the resolved profile with overrides', async () => {
    const r = await trainer('profile', '--profile', 'smoke', '--set', 'grid.seeds=2', '--set', 'grid.models=["c3d"]');
    expect(r.code).toBe(0);
    const p = JSON.parse(r.stdout);
    expect(p).toMatchObject({ name: 'smoke', grid: { seeds: 2, models: ['c3d'] }, data: { imageSize: 32 } });
  });

  it.each([
    [['backend', '--backend', 'gpu'], /--backend: expected one of "auto", "tensorflow", "wasm", "cpu", got "gpu"/],
    [['backend', '--profile', 'smoke'], /unknown option --profile/],
    [['profile', '--profile', 'huge'], /unknown profile "huge"/],
    [['profile', '--set', 'lddm.stage2.timesteps=0'], /--set lddm\.stage2\.timesteps: lddm\.stage2\.timesteps: expected a positive integer, got 0/],
    [['profile', '--seed', '-1'], /--seed: expected a non-negative integer, got -1/],
    [['train'], /unknown command "train"/],
  ])('%j: one line, exit 2', async (args, pattern) => {
    const r = await trainer(...args);
    expect(r.code).toBe(2);
    expect(r.errLines).toHaveLength(1);
    expect(r.errLines[0]).toMatch(/^trainer: error: /);
    expect(r.errLines[0]).toMatch(pattern);
  });
});

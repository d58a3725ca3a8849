import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openRegistry, type Registry } from './registry';
import { tempDir, testSpec as spec } from './testing';
import { reuseOrRun, withRun } from './with-run';

describe('withRun / reuseOrRun', () => {
  let t: ReturnType<typeof tempDir>;
  let registry: Registry;
  beforeEach(() => {
    t = tempDir();
    registry = openRegistry({ path: t.dbPath });
  });
  afterEach(() => {
    registry.close();
    t.cleanup();
  });

  it('finishes the run and returns the result', async () => {
    const { run, result } = await withRun(registry, spec(), async (handle) => {
      handle.logMetric({ name: 'acc', value: 0.9 });
      return 'done';
    });
    expect(result).toBe('done');
    expect(run.status).toBe('finished');
    expect(registry.metrics(run.id)).toHaveLength(1);
  });

  it('records a thrown error as failed and rethrows it', async () => {
    const error = new Error('out of memory');
    await expect(withRun(registry, spec(), async () => Promise.reject(error))).rejects.toBe(error);
    const [run] = registry.listRuns();
    expect(run).toMatchObject({ status: 'failed', error: 'Error: out of memory' });
  });

  it('removes its signal handlers when no run is open', async () => {
    const before = process.listenerCount('SIGINT');
    await withRun(registry, spec(), async () => {
      expect(process.listenerCount('SIGINT')).toBe(before + 1);
    });
    expect(process.listenerCount('SIGINT')).toBe(before);
  });

  it('reuseOrRun computes once, then reuses; force recomputes', async () => {
    const fn = vi.fn(async () => 42);
    const first = await reuseOrRun(registry, spec(), fn);
    expect(first).toMatchObject({ reused: false, result: 42 });
    const second = await reuseOrRun(registry, spec(), fn);
    expect(second.reused).toBe(true);
    expect(second.run.id).toBe(first.run.id);
    expect(fn).toHaveBeenCalledTimes(1);
    const forced = await reuseOrRun(registry, { ...spec(), force: true }, fn);
    expect(forced.reused).toBe(false);
    expect(forced.run.id).not.toBe(first.run.id);
    expect(fn).toHaveBeenCalledTimes(2);
  });

  it('reuseOrRun does not reuse a failed run', async () => {
    await expect(withRun(registry, spec(), async () => Promise.reject(new Error('x')))).rejects.toThrow();
    const fn = vi.fn(async () => 1);
    expect((await reuseOrRun(registry, spec(), fn)).reused).toBe(false);
    expect(fn).toHaveBeenCalledTimes(1);
  });
});

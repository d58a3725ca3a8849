import { rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as files from '@lddm/runtime/files';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openRegistry, type Registry } from './registry';
import { tempDir, testSpec as spec } from './testing';
import type { RunHandle } from './run-handle';
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

  describe('verified reuse', () => {
    const produce = (path: string, text: string) => async (handle: RunHandle) => {
      writeFileSync(path, text);
      handle.addArtifact({ path, kind: 'weights' });
      return text;
    };

    it('reuses a run whose files are intact; a changed byte is a warning, the run is marked corrupt and recomputed', async () => {
      const path = join(t.dir, 'w.bin');
      const first = await reuseOrRun(registry, spec(), produce(path, 'weights-1'));
      expect(first.reused).toBe(false);
      expect((await reuseOrRun(registry, spec(), produce(path, 'never'))).reused).toBe(true);
      writeFileSync(path, 'weights-X'); // same size, one byte changed
      const warnings: string[] = [];
      const again = await reuseOrRun(registry, { ...spec(), warn: (l) => warnings.push(l) }, produce(path, 'weights-2'));
      expect(again.reused).toBe(false);
      expect(again.run.id).not.toBe(first.run.id);
      expect(warnings).toEqual([expect.stringMatching(new RegExp(`^warning: run ${first.run.id} \\(train-test\\) is not reused: .*w\\.bin: content changed since it was recorded .*; marked corrupt, recomputing$`))]);
      expect(registry.getRun(first.run.id)).toMatchObject({ status: 'corrupt', error: expect.stringContaining('w.bin: content changed') });
      // the recomputed run is the one reused next
      expect((await reuseOrRun(registry, spec(), produce(path, 'never'))).run.id).toBe(again.run.id);
    });

    it('a missing file or a changed size is caught too; an edit that restores the mtime is still seen', async () => {
      const path = join(t.dir, 'v.bin');
      const { run } = await reuseOrRun(registry, spec(), produce(path, 'frame-00'));
      const { mtime } = statSync(path);
      writeFileSync(path, 'frame-99');
      utimesSync(path, mtime, mtime);
      expect(registry.verifyArtifacts(run.id)).toEqual([expect.stringMatching(/v\.bin: content changed/)]);
      writeFileSync(path, 'frame-0');
      expect(registry.verifyArtifacts(run.id)).toEqual([expect.stringMatching(/v\.bin: 7 bytes, 8 when recorded/)]);
      rmSync(path);
      expect(registry.verifyArtifacts(run.id)).toEqual([`${path}: missing`]);
    });

    it('does not read an unchanged file again (its hash is remembered with its stat)', async () => {
      const path = join(t.dir, 'u.bin');
      const { run } = await reuseOrRun(registry, spec(), produce(path, 'unchanged'));
      const read = vi.spyOn(files, 'hashFileSync');
      try {
        expect(registry.verifyArtifacts(run.id)).toEqual([]);
        expect(registry.verifyArtifacts(run.id)).toEqual([]);
        expect(read).not.toHaveBeenCalled();
      } finally {
        read.mockRestore();
      }
    });

    it('force recomputes without looking', async () => {
      const path = join(t.dir, 'f.bin');
      await reuseOrRun(registry, spec(), produce(path, 'a'));
      expect((await reuseOrRun(registry, { ...spec(), force: true }, produce(path, 'b'))).reused).toBe(false);
    });
  });
});

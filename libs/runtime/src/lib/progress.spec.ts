import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createProgress, formatDuration, type ProgressStream } from './progress';

function fakeStream(isTTY: boolean, columns?: number): ProgressStream & { chunks: string[]; text: () => string } {
  const chunks: string[] = [];
  return { isTTY, columns, chunks, write: (s: string) => chunks.push(s), text: () => chunks.join('') };
}

/** A clock the test moves by hand, in milliseconds. */
function fakeClock(): { now: () => number; advance: (ms: number) => void } {
  let t = 1_000_000;
  return { now: () => t, advance: (ms) => (t += ms) };
}

beforeEach(() => {
  vi.stubEnv('LDDM_PROGRESS', '');
});
afterEach(() => {
  vi.unstubAllEnvs();
});

describe('createProgress on a TTY', () => {
  it('redraws one line with \\r: bar, percent, count, rate, ETA and latest info', () => {
    const stream = fakeStream(true);
    const clock = fakeClock();
    const p = createProgress({ label: 'train', total: 100, stream, unit: 'step', now: clock.now });
    clock.advance(2000);
    p.tick(25, { loss: 0.123456 });
    expect(stream.chunks).toEqual([`\rtrain [#####...............]  25% 25/100 12.5 step/s ETA 0:06 loss=0.1235\x1b[K`]);
    clock.advance(2000);
    p.tick(25, { loss: 0.05 });
    expect(stream.chunks[1]).toBe(`\rtrain [##########..........]  50% 50/100 12.5 step/s ETA 0:04 loss=0.05\x1b[K`);
    expect(stream.text()).not.toContain('\n');
  });

  it('throttles redraws but always draws the last step and ends with a newline', () => {
    const stream = fakeStream(true);
    const clock = fakeClock();
    const p = createProgress({ label: 'x', total: 1000, stream, now: clock.now });
    for (let i = 0; i < 1000; i++) {
      clock.advance(1);
      p.tick();
    }
    expect(stream.chunks.length).toBeLessThan(15);
    expect(stream.chunks.at(-1)).toContain('100% 1000/1000');
    p.done({ acc: 0.9 });
    expect(stream.chunks.at(-1)).toMatch(/^\rx \[#{20}\] 100% 1000\/1000 .* acc=0\.9\x1b\[K\n$/);
    p.tick();
    p.done();
    expect(stream.text().split('\n')).toHaveLength(2); // nothing after done()
  });

  it('never draws wider than the terminal', () => {
    const stream = fakeStream(true, 40);
    createProgress({ label: 'a-rather-long-label', total: 10, stream }).tick(1, { loss: 1.5, lr: 0.001 });
    const line = stream.chunks[0].replace('\r', '').replace('\x1b[K', '');
    expect(line.length).toBe(39);
  });
});

describe('createProgress in a pipe or CI', () => {
  it('writes plain lines every 10% and a final line', () => {
    const stream = fakeStream(false);
    const clock = fakeClock();
    const p = createProgress({ label: 'extract', total: 200, stream, unit: 'video', now: clock.now });
    for (let i = 0; i < 200; i++) {
      clock.advance(10);
      p.tick(1, { mse: i });
    }
    p.done({ videos: 200 });
    const lines = stream.text().split('\n').filter(Boolean);
    expect(lines).toHaveLength(11);
    expect(lines[0]).toBe('extract:  10% 20/200 100 video/s ETA 0:02 mse=19');
    expect(lines[9]).toMatch(/^extract: 100% 200\/200 100 video\/s mse=199$/);
    expect(lines[10]).toBe('extract: done 200/200 in 0:02 (100 video/s) mse=199 videos=200');
    expect(stream.text()).not.toContain('\r');
  });

  it('also writes a line after ~10 s without a new 10%', () => {
    const stream = fakeStream(false);
    const clock = fakeClock();
    const p = createProgress({ label: 'slow', total: 1000, stream, now: clock.now });
    clock.advance(4000);
    p.tick();
    expect(stream.chunks).toEqual([]);
    clock.advance(6000);
    p.tick();
    expect(stream.chunks).toEqual(['slow:   0% 2/1000 0.20 it/s ETA 1:23:10\n']);
    clock.advance(5000);
    p.tick();
    expect(stream.chunks).toHaveLength(1);
    clock.advance(5000);
    p.tick();
    expect(stream.chunks).toHaveLength(2);
  });

  it('copes with an unknown total', () => {
    const stream = fakeStream(false);
    const clock = fakeClock();
    const p = createProgress({ label: 'scan', total: 0, stream, now: clock.now });
    clock.advance(11_000);
    p.tick(11);
    p.done();
    expect(stream.chunks).toEqual(['scan: 11 1.00 it/s\n', 'scan: done 11 in 0:11 (1.00 it/s)\n']);
  });
});

describe('LDDM_PROGRESS', () => {
  it('plain forces lines on a TTY', () => {
    vi.stubEnv('LDDM_PROGRESS', 'plain');
    const stream = fakeStream(true);
    const p = createProgress({ label: 'x', total: 10, stream });
    p.tick(10);
    p.done();
    expect(stream.text()).not.toContain('\r');
    expect(stream.text()).toMatch(/^x: 100% 10\/10 .*\nx: done 10\/10 in /);
  });

  it('bar forces the bar in a pipe', () => {
    vi.stubEnv('LDDM_PROGRESS', 'bar');
    const stream = fakeStream(false);
    createProgress({ label: 'x', total: 10, stream }).tick(1);
    expect(stream.chunks[0]).toMatch(/^\rx \[/);
  });

  it('off writes nothing', () => {
    vi.stubEnv('LDDM_PROGRESS', 'off');
    const stream = fakeStream(true);
    const p = createProgress({ label: 'x', total: 10, stream });
    p.tick(10);
    p.done();
    expect(stream.chunks).toEqual([]);
  });

  it('an unknown value names itself and the allowed ones', () => {
    vi.stubEnv('LDDM_PROGRESS', 'fancy');
    expect(() => createProgress({ label: 'x', total: 1, stream: fakeStream(true) })).toThrow(
      'Unknown LDDM_PROGRESS "fancy"; expected one of: bar, plain, off',
    );
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0:00'],
    [59.4, '0:59'],
    [61, '1:01'],
    [3599, '59:59'],
    [3600, '1:00:00'],
    [36_061, '10:01:01'],
  ])('%f s -> %s', (seconds, text) => expect(formatDuration(seconds)).toBe(text));
});

// Progress reporting for long loops (epochs, sampling, feature extraction). On a terminal one
// line is redrawn in place; in CI and pipes, where \r would pile up, a plain line is written now
// and then so that logs stay short. LDDM_PROGRESS=plain|bar|off overrides the choice.

export type ProgressMode = 'bar' | 'plain' | 'off';
export type ProgressInfo = Record<string, number | string>;

export interface ProgressStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressOptions {
  label: string;
  /** Expected number of units; 0 when unknown (no percentage or ETA then). */
  total: number;
  stream?: ProgressStream;
  /** Unit name for the rate, e.g. 'step', 'video'. */
  unit?: string;
  /** Plain mode: a line each time this many percent more is done... */
  everyPercent?: number;
  /** ...or this many seconds have passed since the last line. */
  everySeconds?: number;
  /** Clock in milliseconds; tests pass a fake one. */
  now?: () => number;
}

export interface Progress {
  tick(n?: number, info?: ProgressInfo): void;
  done(summary?: ProgressInfo): void;
}

const MODES: readonly ProgressMode[] = ['bar', 'plain', 'off'];
const BAR_WIDTH = 20;
const REDRAW_MS = 100; // a bar redrawn more often than this only costs time

export function createProgress(options: ProgressOptions): Progress {
  const { label, total, stream = process.stderr, unit = 'it', everyPercent = 10, everySeconds = 10, now = Date.now } = options;
  const mode = progressMode(stream);
  const start = now();
  let count = 0;
  let info: ProgressInfo = {};
  let finished = false;
  let lastWrite = -Infinity;
  let nextPercent = everyPercent;

  const status = (t: number): string => {
    const elapsed = (t - start) / 1000;
    const rate = elapsed > 0 ? count / elapsed : 0;
    const parts = [total > 0 ? `${percent().toFixed(0).padStart(3)}% ${count}/${total}` : `${count}`, `${formatRate(rate)} ${unit}/s`];
    if (total > 0 && rate > 0 && count < total) parts.push(`ETA ${formatDuration((total - count) / rate)}`);
    return [...parts, ...formatInfo(info)].join(' ');
  };
  const percent = (): number => (total > 0 ? Math.min(100, (100 * count) / total) : 0);
  const drawBar = (t: number, final: boolean): void => {
    const filled = total > 0 ? Math.round((BAR_WIDTH * percent()) / 100) : 0;
    const bar = total > 0 ? `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ` : '';
    let line = `${label} ${bar}${status(t)}`;
    // A line wider than the terminal wraps, and \r then redraws only its last row.
    if (stream.columns !== undefined && line.length >= stream.columns) line = line.slice(0, Math.max(0, stream.columns - 1));
    stream.write(`\r${line}\x1b[K${final ? '\n' : ''}`);
    lastWrite = t;
  };

  return {
    tick(n = 1, latest) {
      if (finished || mode === 'off') return;
      count += n;
      if (latest !== undefined) info = { ...info, ...latest };
      const t = now();
      if (mode === 'bar') {
        if (t - lastWrite >= REDRAW_MS || (total > 0 && count >= total)) drawBar(t, false);
        return;
      }
      const crossed = total > 0 && percent() >= nextPercent;
      if (crossed || (lastWrite > -Infinity ? t - lastWrite : t - start) >= everySeconds * 1000) {
        stream.write(`${label}: ${status(t)}\n`);
        lastWrite = t;
        if (crossed) nextPercent = (Math.floor(percent() / everyPercent) + 1) * everyPercent;
      }
    },
    done(summary) {
      if (finished || mode === 'off') return;
      finished = true;
      if (summary !== undefined) info = { ...info, ...summary };
      const t = now();
      if (mode === 'bar') return drawBar(t, true);
      const elapsed = (t - start) / 1000;
      const rate = elapsed > 0 ? count / elapsed : 0;
      const counted = total > 0 ? `${count}/${total}` : `${count}`;
      const tail = [`(${formatRate(rate)} ${unit}/s)`, ...formatInfo(info)].join(' ');
      stream.write(`${label}: done ${counted} in ${formatDuration(elapsed)} ${tail}\n`);
    },
  };
}

function progressMode(stream: ProgressStream): ProgressMode {
  const forced = process.env['LDDM_PROGRESS']?.trim();
  if (forced !== undefined && forced !== '') {
    const mode = MODES.find((m) => m === forced);
    if (mode === undefined) throw new Error(`Unknown LDDM_PROGRESS "${forced}"; expected one of: ${MODES.join(', ')}`);
    return mode;
  }
  return stream.isTTY === true ? 'bar' : 'plain';
}

function formatInfo(info: ProgressInfo): string[] {
  return Object.entries(info).map(([key, value]) => `${key}=${typeof value === 'number' ? formatNumber(value) : value}`);
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
}

function formatRate(rate: number): string {
  return rate >= 100 ? rate.toFixed(0) : rate >= 10 ? rate.toFixed(1) : rate.toFixed(2);
}

/** h:mm:ss or m:ss. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const [h, m, r] = [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60];
  const mmss = `${String(m).padStart(h > 0 ? 2 : 1, '0')}:${String(r).padStart(2, '0')}`;
  return h > 0 ? `${h}:${mmss}` : mmss;
}

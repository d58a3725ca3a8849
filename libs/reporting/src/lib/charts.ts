// Static charts for the report, drawn by chart.js on a server-side canvas (chartjs-node-canvas;
// `canvas` is @napi-rs/canvas through package.json's overrides) and embedded as PNG.
import { createRequire } from 'node:module';
import type { ChartConfiguration } from 'chart.js';
import type { ChartJSNodeCanvas } from 'chartjs-node-canvas';
import { MODEL_LABEL, MODELS, RATIOS, REGIMES, type Model, type Regime } from './contract';
import type { LossCurve } from './collect-loss-curves';
import type { Table2Cell } from './collect-table2';
import { paperTable2 } from './paper';

export interface ChartImage {
  id: string;
  title: string;
  png: Buffer;
}

const WIDTH = 560;
const HEIGHT = 340;

const REGIME_COLOUR: Record<Regime, string> = {
  real: '#1f77b4',
  'synthetic:lddm': '#d62728',
  'synthetic:cinn': '#ff9896',
  'real+synthetic:lddm': '#2ca02c',
  'real+synthetic:cinn': '#98df8a',
};
const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf'];

// Loaded on the first chart (chart.js and a native canvas), not whenever the library is imported:
// the CLIs' `runs` commands use this library's tables only.
let canvasModule: typeof import('chartjs-node-canvas') | undefined;

/**
 * Every chart's text is drawn in DejaVu Sans from the `dejavu-fonts-ttf` npm package, registered
 * under its own family name: with the system's fonts, the same chart gave different PNG bytes
 * on machines with different fonts installed.
 */
export const CHART_FONT_FAMILY = 'LDDM Chart DejaVu Sans';
let fontRegistered = false;

function registerChartFont(): void {
  if (fontRegistered) return;
  const require = createRequire(import.meta.url);
  const { GlobalFonts } = require('canvas') as typeof import('canvas');
  for (const file of ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf']) {
    const path = require.resolve(`dejavu-fonts-ttf/ttf/${file}`);
    if (GlobalFonts.registerFromPath(path, CHART_FONT_FAMILY) === null) throw new Error(`charts: cannot load the chart font ${path}; reinstall with npm ci`);
  }
  fontRegistered = true;
}

function renderer(): ChartJSNodeCanvas {
  canvasModule ??= createRequire(import.meta.url)('chartjs-node-canvas') as typeof import('chartjs-node-canvas');
  registerChartFont();
  return new canvasModule.ChartJSNodeCanvas({
    width: WIDTH,
    height: HEIGHT,
    backgroundColour: 'white',
    chartCallback: (chart) => {
      chart.defaults.font.family = CHART_FONT_FAMILY;
    },
  });
}

const baseOptions = (title: string) => ({
  animation: false as const,
  responsive: false,
  devicePixelRatio: 1,
  plugins: { title: { display: true, text: title }, legend: { labels: { boxWidth: 14, font: { size: 10 } } } },
});

/** Per model: F1 of each regime across the three ratios, ours solid, the paper's dashed. */
export function f1ByRatioChart(model: Model, cells: readonly Table2Cell[]): ChartImage {
  const ours = REGIMES.map((regime) => ({
    label: `ours ${regime}`,
    data: RATIOS.map((ratio) => cells.find((c) => c.model === model && c.ratio === ratio && c.regime === regime)?.f1.mean ?? null),
    borderColor: REGIME_COLOUR[regime],
    backgroundColor: REGIME_COLOUR[regime],
    borderWidth: 2.5,
    spanGaps: true,
  }));
  const paper = REGIMES.map((regime) => ({
    label: `paper ${regime}`,
    data: RATIOS.map((ratio) => paperTable2(model, ratio, regime)?.f1 ?? null),
    borderColor: REGIME_COLOUR[regime],
    backgroundColor: 'white',
    borderDash: [5, 4],
    borderWidth: 1.2,
    pointRadius: 2,
  }));
  const config: ChartConfiguration<'line', (number | null)[], string> = {
    type: 'line',
    data: { labels: [...RATIOS], datasets: [...ours, ...paper] },
    options: {
      ...baseOptions(`${MODEL_LABEL[model]}: F1 (%) by train:test ratio (less real data to the right)`),
      scales: { y: { title: { display: true, text: 'F1 (%)' } }, x: { title: { display: true, text: 'train:test' } } },
    },
  };
  return { id: `f1-${model}`, title: `${MODEL_LABEL[model]} F1 by ratio`, png: renderer().renderToBufferSync(config as ChartConfiguration) };
}

/** One F1 chart per model that has at least one cell. */
export function f1Charts(cells: readonly Table2Cell[]): ChartImage[] {
  return MODELS.filter((m) => cells.some((c) => c.model === m)).map((m) => f1ByRatioChart(m, cells));
}

/** Per training kind: every run's train curves (loss and components) against step, log scale. */
export function lossCharts(curves: readonly LossCurve[]): ChartImage[] {
  const kinds = [...new Set(curves.map((c) => c.kind))];
  return kinds.map((kind) => {
    const mine = curves.filter((c) => c.kind === kind);
    const positive = mine.every((c) => c.points.every((p) => p.value > 0));
    const datasets = mine.map((c, i) => ({
      label: `${c.metric}${c.ratio ? ` (${c.ratio})` : ''} run ${c.runId}`,
      data: c.points.map((p) => ({ x: p.step, y: p.value })),
      borderColor: PALETTE[i % PALETTE.length],
      backgroundColor: PALETTE[i % PALETTE.length],
      borderDash: c.metric === 'loss' ? [] : [4, 3],
      borderWidth: c.metric === 'loss' ? 2 : 1.2,
      pointRadius: 0,
    }));
    const config: ChartConfiguration<'line', { x: number; y: number }[], number> = {
      type: 'line',
      data: { datasets },
      options: {
        ...baseOptions(`${kind}: training curves`),
        scales: {
          x: { type: 'linear', title: { display: true, text: 'step' } },
          y: { type: positive ? 'logarithmic' : 'linear', title: { display: true, text: positive ? 'value (log)' : 'value' } },
        },
      },
    };
    return { id: `loss-${kind}`, title: `${kind} training curves`, png: renderer().renderToBufferSync(config as ChartConfiguration) };
  });
}

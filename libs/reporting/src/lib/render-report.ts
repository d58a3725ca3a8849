// The report's files: report.html plus the Markdown, CSV and JSON exports of both tables.
import type { Registry } from '@lddm/registry';
import { f1Charts, lossCharts, type ChartImage } from './charts';
import { renderHtmlPage } from './html-page';
import { collectReport, type ReportData, type ReportOptions } from './report-data';
import { table1Csv, table1Json, table2Csv, table2Json } from './table-exports';
import { tablesMarkdown } from './tables-markdown';

export const REPORT_FILES = ['report.html', 'tables.md', 'table1.csv', 'table1.json', 'table2.csv', 'table2.json'] as const;
export type ReportFile = (typeof REPORT_FILES)[number];

export interface RenderedReport {
  data: ReportData;
  charts: { f1: ChartImage[]; loss: ChartImage[] };
  /** File name -> content. */
  files: Record<ReportFile, string>;
}

export function renderReport(data: ReportData): RenderedReport {
  const charts = { f1: f1Charts(data.table2), loss: lossCharts(data.curves) };
  return {
    data,
    charts,
    files: {
      'report.html': renderHtmlPage(data, charts),
      'tables.md': tablesMarkdown(data.table1, data.table2),
      'table1.csv': table1Csv(data.table1),
      'table1.json': table1Json(data.table1),
      'table2.csv': table2Csv(data.table2),
      'table2.json': table2Json(data.table2),
    },
  };
}

export const buildReport = (registry: Registry, opts: ReportOptions = {}): RenderedReport => renderReport(collectReport(registry, opts));

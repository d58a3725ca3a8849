// @lddm/reporting: reads the run registry (see lib/contract.ts for what the pipeline writes) and
// renders Table 1, Table 2, charts, figure strips and provenance beside the paper's numbers.
export * from './lib/contract';
export { PAPER_SOURCE, paperTable1, paperTable2, type PaperTable2Value } from './lib/paper';
export { summarize, compare, type Summary } from './lib/summary-stats';
export { collectTable2, type Table2Cell, type Table2Seed } from './lib/collect-table2';
export { collectTable1, table1Extractors, type Extractor, type Table1Row, type Table1Value } from './lib/collect-table1';
export { collectLossCurves, type LossCurve } from './lib/collect-loss-curves';
export { collectStrips, type StripFigure } from './lib/collect-strips';
export { collectProvenance, collectDatasets, datasetOrigin, runProvenance, type DatasetProvenance, type RunProvenance } from './lib/collect-provenance';
export { collectProfiles, type ProfileUse } from './lib/collect-profiles';
export { paperDifferences, type Difference } from './lib/paper-differences';
export { layoutTable2, type Table2Entry, type Table2Row } from './lib/table2-layout';
export { renderTable, type Cell, type Column, type TableFormat } from './lib/render-table';
export { table1Csv, table1Json, table2Csv, table2Json } from './lib/table-exports';
export { tablesMarkdown, table1Markdown, table2Markdown } from './lib/tables-markdown';
export { f1Charts, lossCharts, type ChartImage } from './lib/charts';
export { collectReport, type ReportData, type ReportOptions } from './lib/report-data';
export { buildReport, renderReport, REPORT_FILES, type RenderedReport, type ReportFile } from './lib/render-report';
export { seedFixtureRuns, FIXTURE_CLASSIFIER_RESULTS, FIXTURE_TABLE1, FIXTURE_WEIGHTS_SHA } from './testing/fixture-runs';
export { writeReport } from './lib/write-report';

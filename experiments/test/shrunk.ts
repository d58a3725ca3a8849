// The smoke profile shrunk further with --set, so that a whole table2 / table1 data flow runs in
// well under a minute in the end-to-end tests.
export const SHRINK = [
  'grid.models=["c3d"]',
  'grid.ratios=["7:3"]',
  'grid.regimes=["real","synthetic:lddm"]',
  'grid.table1.generators=["lddm"]',
  'lddm.stage1.train.length=1',
  'lddm.stage2.train.length=2',
  'classifiers.train.epochs=1',
  'metrics.div.samples=2',
];

/** table2 / table1 arguments on the shrunk smoke profile with this registry and cache. */
export const shrunkArgs = (db: string, cacheDir: string, workers = 1): string[] => [
  '--profile',
  'smoke',
  '--db',
  db,
  '--workers',
  String(workers),
  ...[`data.cacheDir=${cacheDir}`, ...SHRINK].flatMap((s) => ['--set', s]),
];

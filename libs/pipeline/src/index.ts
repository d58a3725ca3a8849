// @lddm/pipeline: the experiment's steps as registry runs (docs/architecture.md "Data flow"): data,
// generator training per split, synthesis, classifier cells, Table 1 rows. Each step is a node of
// a graph (lib/dag) that declares the steps it reads; one scheduler runs a graph, each step once,
// reusing the finished run of its key, and plans it without running anything. Apps and the
// experiments project build graphs (or call the ensure functions, each a small graph); the
// libraries below know nothing of the registry.
export { pipelineContext, keyedOf, outcomeOf, graphContext, type PipelineContext, type StepEnv, type StepOutcome, type StepSpec } from './lib/context';
export { Graph, PendingKey, schedule, type Done, type Inputs, type Keyed, type KeyView, type StepDef, type StepRef } from './lib/dag/graph';
export { runGraph, runStep, planGraph, planLines, stepDir, type BatchItem, type BatchRunner, type GraphContext, type GraphRun, type PlanEntry, type RunLookup } from './lib/dag/run-graph';
export { pipelineData, pipelineDataStep, splitClips, splitOf, conditionImages, type PipelineData } from './lib/datasets';
export { dataStep, type PrepareDataConfig, type PreparedData } from './lib/prepare-data';
export { stage1Step, lddmStage2Step, loadAutoencoder, loadLddm, stage1Perceptual, type Stage1Owner } from './lib/lddm';
export { generatorSteps, generatorOf, ensureGenerator, type GeneratorSampler, type VideoGenerator } from './lib/generators';
export { lossTrend, trainingLine, synthesisLine } from './lib/run-summary';
export { cinnCondStep, cinnFlowStep, loadCinn } from './lib/cinn';
export { ensureSynthesis, synthesisStep, synthesisBusvDir, type SynthesisDone, type SynthesisResult, type SynthesisSource } from './lib/synthesis';
export { clipMotion, frameZeroL1 } from './lib/video-stats';
export { logStepLosses, checkpointOf } from './lib/run-metrics';
export { withPipeline, withPlan, type PipelineArgs, type PlanContext } from './lib/open';
export { classifierCellSpec, stepKey, regimeParts, cellLabel, type ClassifierCell, type SyntheticSource } from './lib/classifiers/cell';
export { ensureClassifierCell, classifierCellStep, cellStepName, type ClassifierCellResult } from './lib/classifiers/classifier-cell';
export { testSummary, readTestMetrics, type TestSummary, type TestMetrics } from './lib/classifiers/record-evaluation';
export { gridCells, gridSteps, gridRunner, planGrid, runClassifierGrid, GridFailedError, type ClassifierGridOptions, type GridReport } from './lib/classifiers/classifier-grid';
export { runGridWorker, runGridTask, type GridJobHeader, type GridTask, type GridEvent } from './lib/classifiers/grid-worker';
export { ensureTable1Row, table1RowStep, table1ExtractorIds, type Table1RowResult } from './lib/table1';
export { chooseExtractorWeights, weightsDirOf, WEIGHTS_DIR_ENV, type ExtractorWeightsChoice } from './lib/table1/extractor-weights';
export { scoreTable1, FVD_GENERATED, type Table1Score, type Table1Scores } from './lib/table1/table1-scores';
export { table1Report } from './lib/table1/table1-report';
export { ensureInDomainI3d, inDomainI3dStep, inDomainWeights, IN_DOMAIN_EXTRACTOR, IN_DOMAIN_CLASSES, type InDomainI3dResult } from './lib/table1/in-domain-i3d';

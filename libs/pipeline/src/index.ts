// @lddm/pipeline: the experiment's steps as registry runs (docs/architecture.md "Data flow"): data,
// generator training per split, synthesis, ... Each step reuses the finished run of its key,
// records what it computes, and resumes from its checkpoints after a crash. Apps and the
// experiments project call these; the libraries below know nothing of the registry.
export { pipelineContext, ensureStep, stepDir, type PipelineContext, type StepOutcome, type StepSpec } from './lib/context';
export { pipelineData, splitClips, splitOf, conditionImages, type PipelineData } from './lib/datasets';
export { prepareData, type PrepareDataConfig, type PrepareDataOptions, type PreparedData } from './lib/prepare-data';
export { ensureStage1, ensureLddmStage1, ensureLddmStage2, loadAutoencoder, loadLddm, stage1Perceptual, type Stage1Owner } from './lib/lddm';
export { GENERATOR_STEPS, ensureGenerator, loadGenerator, type GeneratorSampler, type VideoGenerator } from './lib/generators';
export { lossTrend, trainingLine, synthesisLine } from './lib/run-summary';
export { ensureCinnCond, ensureCinnFlow, loadCinn } from './lib/cinn';
export { ensureSynthesis, synthesisBusvDir, type SynthesisResult, type SynthesisSource } from './lib/synthesis';
export { clipMotion, frameZeroL1 } from './lib/video-stats';
export { logStepLosses, checkpointOf } from './lib/run-metrics';
export { withPipeline, type PipelineArgs } from './lib/open';
export { classifierCellSpec, stepKey, regimeParts, cellLabel, type ClassifierCell, type SyntheticSource } from './lib/classifiers/cell';
export { ensureClassifierCell, resolveSynthesis, type ClassifierCellResult, type ClassifierCellOptions } from './lib/classifiers/classifier-cell';
export { testSummary, readTestMetrics, type TestSummary, type TestMetrics } from './lib/classifiers/record-evaluation';
export { gridCells, planGrid, runClassifierGrid, GridFailedError, type ClassifierGridOptions, type GridReport } from './lib/classifiers/classifier-grid';
export { runGridWorker, runGridTask, type GridJobHeader, type GridTask, type GridEvent } from './lib/classifiers/grid-worker';
export { ensureTable1Row, table1ExtractorIds, type Table1RowResult } from './lib/table1';
export { chooseExtractorWeights, weightsDirOf, WEIGHTS_DIR_ENV, type ExtractorWeightsChoice } from './lib/table1/extractor-weights';
export { scoreTable1, FVD_GENERATED, type Table1Score, type Table1Scores } from './lib/table1/table1-scores';
export { table1Report } from './lib/table1/table1-report';
export { ensureInDomainI3d, inDomainWeights, IN_DOMAIN_EXTRACTOR, IN_DOMAIN_CLASSES, type InDomainI3dResult } from './lib/table1/in-domain-i3d';

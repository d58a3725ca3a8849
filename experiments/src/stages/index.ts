// Every stage, in data-flow order: the one place that registers them.
import { classifiersStage } from './classifiers';
import { dataStage } from './data';
import { generatorsStage } from './generators';
import { metricsStage } from './metrics';
import { reportStage } from './report';
import type { Stage, TableId } from './stage';
import { synthesisStage } from './synthesis';

export const STAGES: readonly Stage[] = [dataStage, generatorsStage, synthesisStage, metricsStage, classifiersStage, reportStage];

export function stagesOf(table: TableId): Stage[] {
  return STAGES.filter((s) => s.tables.includes(table));
}

export type { Availability, Stage, StageBuild, StageContext, TableId } from './stage';
export { notImplemented } from './stage';

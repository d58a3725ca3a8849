// Stage 1: resolve the dataset, fingerprint it, preprocess it into the tensor cache, split it.
// Generated data (the phantom) and split files live beside the registry database.
import { pipelineDataStep } from '@lddm/pipeline';
import type { Stage } from './stage';

export const dataStage: Stage = {
  id: 'data',
  title: 'data',
  tables: ['table1', 'table2'],
  plan: ({ data, splits }) => {
    const videos =
      data.videos.kind === 'phantom'
        ? `phantom ${data.phantom.videos} videos (${data.phantom.malignant} malignant / ${data.phantom.benign} benign, ${data.phantom.minFrames}-${data.phantom.maxFrames} frames)`
        : `BUSV at ${data.videos.path}`;
    const images = `${data.images.kind === 'phantom' ? 'phantom' : `BUSI at ${data.images.path}:`} ${data.images.benign} benign + ${data.images.malignant} malignant images`;
    return `${videos}; ${images}; ${data.imageSize} px, ${data.clipLength}-frame clips -> ${data.framesPerClip} frames; splits ${splits.ratios.join(', ')} (seed ${splits.seed})`;
  },
  available: () => ({ ok: true }),
  build: (graph, { env }) => {
    graph.step('data', () => pipelineDataStep(env));
    return {};
  },
};

// The metric networks by the ids the profile names (metrics.fvd.extractor, ...): each factory
// builds the network, loads the given weights or keeps a seeded initialisation, and the returned
// object carries `id` and `weights` for the registry to store with every value.
import { I3dExtractor } from './i3d-extractor';
import { LpipsMetric } from './lpips-metric';
import { VggDiversity } from './vgg-diversity';
import type { I3dConfig } from './i3d';
import type { Vgg16Input } from './vgg16';

export interface ExtractorFactoryOptions {
  /** Frames are resized to size x size (profile metrics.size; references 224). */
  size: number;
  /** Frames per clip for I3D (profile metrics.frames; references 16). */
  frames: number;
  /** A safetensors file in our layout (tools/weights); absent: seeded initialisation. */
  weightsPath?: string;
  seed: number;
  /** Channel width multiplier, for small tests only (default 1, the published network). */
  width?: number;
  /** Classes of an in-domain I3D (default 400; must match the file). */
  classes?: number;
}

const i3d = (id: string, output: 'logits' | 'pool', classes: number, source: 'file' | 'trained-in-domain' = 'file') =>
  async (o: ExtractorFactoryOptions): Promise<I3dExtractor> => {
    const network: I3dConfig = { classes: o.classes ?? classes, width: o.width };
    return I3dExtractor.create({ id, output, frames: o.frames, size: o.size, seed: o.seed, network, weightsPath: o.weightsPath, weightsSource: source });
  };

const vggConfig = (o: ExtractorFactoryOptions): Vgg16Input => ({ width: o.width });

export const extractorRegistry = {
  /** FVD: Kinetics-400 I3D, 400-d logits averaged over time. */
  'i3d-kinetics400': i3d('i3d-kinetics400', 'logits', 400),
  /** DTFVD: I3D trained on DTDB (18 classes), 1024-d pooled features. */
  'i3d-dtdb': i3d('i3d-dtdb', 'pool', 18),
  /** An I3D the platform trained on the split's real training videos; its file is required. */
  'i3d-in-domain': async (o: ExtractorFactoryOptions): Promise<I3dExtractor> => {
    if (o.weightsPath === undefined) throw new Error('i3d-in-domain: needs the weights file of an I3D trained on the split (weightsPath)');
    return i3d('i3d-in-domain', 'pool', 400, 'trained-in-domain')(o);
  },
  'lpips-vgg16-v0.1': async (o: ExtractorFactoryOptions): Promise<LpipsMetric> =>
    LpipsMetric.create({ size: o.size, seed: o.seed, network: vggConfig(o), weightsPath: o.weightsPath }),
  /** DIV's VGG16 (cINN reference). */
  vgg16: async (o: ExtractorFactoryOptions): Promise<VggDiversity> =>
    VggDiversity.create({ size: o.size, seed: o.seed, network: vggConfig(o), weightsPath: o.weightsPath }),
} as const;

export type ExtractorId = keyof typeof extractorRegistry;
export type MetricNetwork = Awaited<ReturnType<(typeof extractorRegistry)[ExtractorId]>>;

export function isExtractorId(id: string): id is ExtractorId {
  return Object.prototype.hasOwnProperty.call(extractorRegistry, id);
}

/** Builds the network the profile names; unknown ids list the known ones. */
export async function createMetricNetwork(id: string, options: ExtractorFactoryOptions): Promise<MetricNetwork> {
  if (!isExtractorId(id)) throw new Error(`unknown extractor "${id}"; known: ${Object.keys(extractorRegistry).join(', ')}`);
  return extractorRegistry[id](options);
}

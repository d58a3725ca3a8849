// The one place that maps a Table 2 model name to its class: a data-only table, so the grid, the
// CLI and the tests build models by name from the profile's `classifiers` section.
import type { ClassifierId, DeepReadonly } from '@lddm/config';
import { Atmnet, type AtmnetConfig } from './models/atmnet/atmnet';
import { C3d, type C3dConfig } from './models/c3d';
import { Tdn, type TdnConfig } from './models/tdn/tdn';
import { Tsm, type TsmConfig } from './models/tsm';
import type { ClassifierOptions, VideoClassifier } from './models/video-classifier';

export interface ClassifierConfigs {
  c3d: C3dConfig;
  tsm: TsmConfig;
  tdn: TdnConfig;
  atmnet: AtmnetConfig;
}

export interface CreateClassifierOptions extends ClassifierOptions {
  /** Root seed of the model's parameters (and of its temporal sampling stream). */
  seed: number;
}

type Factory<K extends ClassifierId> = (seed: number, config: DeepReadonly<ClassifierConfigs[K]>, options: ClassifierOptions) => VideoClassifier;

const FACTORIES: { [K in ClassifierId]: Factory<K> } = {
  c3d: (seed, config, options) => new C3d(seed, config, options),
  tsm: (seed, config, options) => new Tsm(seed, config, options),
  tdn: (seed, config, options) => new Tdn(seed, config, options),
  atmnet: (seed, config, options) => new Atmnet(seed, config, options),
};

/** Builds model `name` from its section of the profile's `classifiers` (classifiers[name]). */
export function createClassifier<K extends ClassifierId>(name: K, classifiers: { readonly [P in K]: DeepReadonly<ClassifierConfigs[P]> }, options: CreateClassifierOptions): VideoClassifier {
  const factory = FACTORIES[name] as Factory<K> | undefined;
  if (factory === undefined) throw new Error(`createClassifier: unknown classifier "${String(name)}" (known: ${Object.keys(FACTORIES).join(', ')})`);
  return factory(options.seed, classifiers[name], { numClasses: options.numClasses, inChannels: options.inChannels });
}

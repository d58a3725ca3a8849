// The one place that maps a Table 2 model name to its class: a data-only table, so the grid, the
// CLI and the tests build models by name with the profile's section for that model.
import type { ClassifierId, ClassifiersConfig, DeepReadonly } from '@lddm/config';
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

export function createClassifier<K extends ClassifierId>(name: K, config: DeepReadonly<ClassifierConfigs[K]>, options: CreateClassifierOptions): VideoClassifier {
  const factory = FACTORIES[name] as Factory<K> | undefined;
  if (factory === undefined) throw new Error(`createClassifier: unknown classifier "${String(name)}" (known: ${Object.keys(FACTORIES).join(', ')})`);
  return factory(options.seed, config, { numClasses: options.numClasses, inChannels: options.inChannels });
}

/** The same, taking the model's section out of the profile's `classifiers`. */
export function createClassifierFromProfile(name: ClassifierId, classifiers: DeepReadonly<ClassifiersConfig>, options: CreateClassifierOptions): VideoClassifier {
  switch (name) {
    case 'c3d':
      return createClassifier('c3d', classifiers.c3d, options);
    case 'tsm':
      return createClassifier('tsm', classifiers.tsm, options);
    case 'tdn':
      return createClassifier('tdn', classifiers.tdn, options);
    case 'atmnet':
      return createClassifier('atmnet', classifiers.atmnet, options);
  }
}

// The phantom's public surface: the generator, its config, and the layout names the
// loaders need to read what it writes.
export { generatePhantom } from './generate';
export type { GeneratePhantomOptions, PhantomProgress, PhantomSummary } from './generate';
export { BUSI_IMAGE_SIZE, NORMAL_PER_BENIGN, PHANTOM_VAL_FRACTION, phantomConfig } from './config';
export type { PhantomConfig, PhantomData } from './config';
export { BUSV_CATEGORIES, BUSV_TRAIN_JSON, BUSV_VAL_JSON } from './busv-annotations';
export type { VidJson } from './busv-annotations';

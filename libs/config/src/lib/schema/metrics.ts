// Section `metrics`: Table 1 video metrics and the statistics of Table 2.
import { z } from 'zod';
import { bool, ident, nullablePath, oneOf, posInt, posNum } from './primitives';

/** A feature extractor, named by id; every metric value records the id and the weights' hash. */
const ExtractorSchema = z.strictObject({ extractor: ident() });

export const MetricsSchema = z.strictObject({
  /** Frames per video fed to the extractors (references: 16). */
  frames: posInt(),
  /** Frames are resized bilinearly to size x size (references: 224). */
  size: posInt(),
  /** FVD: I3D (Kinetics-400) 400-d logits averaged over time. */
  fvd: ExtractorSchema,
  /** DTFVD: I3D trained on DTDB, 1024-d pooled features. */
  dtfvd: ExtractorSchema,
  /** LPIPS v0.1 with the VGG16 trunk, averaged over frames. */
  lpips: ExtractorSchema,
  div: z.strictObject({
    extractor: ident(),
    /** Samples per test condition (references: 5); DIV averages over ordered pairs i != j. */
    samples: posInt(),
    /** vgg-mse: the cINN reference; vgg-cosine: SAVP. Recorded with every value. */
    distance: oneOf(['vgg-mse', 'vgg-cosine'] as const),
  }),
  bootstrap: z.strictObject({
    /** Bootstrap resamples for confidence intervals (paper reports none; default 1000). */
    resamples: posInt(),
    confidence: z.number({ error: 'expected a number in (0, 1)' }).gt(0, { error: 'expected a number in (0, 1)' }).lt(1, { error: 'expected a number in (0, 1)' }),
  }),
  /** Fréchet distances are reported x this factor (1 = raw). */
  fvdScale: posNum(),
  /**
   * Folder (relative to the workspace root) of converted extractor weights: extractor <id> loads
   * <weightsDir>/<id>.safetensors (tools/weights/README.md). null: $LDDM_WEIGHTS_DIR if set, else
   * each network's seeded initialisation, labelled 'seeded-init'.
   */
  weightsDir: nullablePath().default(null),
  /**
   * The in-domain FVD (issue 7): an I3D (2 classes, benign / malignant) trained by the platform on
   * the split's real training clips with Adam + cross-entropy; Table 1 then adds fvd_in_domain, the
   * Fréchet distance of its 1024-d pooled features. Not in the paper: the values are ours.
   */
  inDomain: z.strictObject({
    enabled: bool(),
    epochs: posInt(),
    batchSize: posInt(),
    lr: posNum(),
  }),
});

export type MetricsConfig = z.infer<typeof MetricsSchema>;

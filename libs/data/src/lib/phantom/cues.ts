// Class cues and how `difficulty` overlaps them. Every cue that separates benign from malignant
// lesions (shape, margin, orientation, echo pattern, posterior feature, stiffness) starts as a
// latent score
//   t_k = y * delta(d) / 2 + N(0, 1),   y = -1 benign, +1 malignant,   delta(d) = D0 * (1 - d)^2,
// drawn independently per cue and per lesion, and is then mapped monotonically onto a physical
// parameter. At difficulty 0 the class means sit D0 = 3.2 standard deviations apart on every cue;
// at 1 both classes draw from the same distribution. With five independent latents an ideal
// observer reaches Phi(sqrt(5) * delta / 2): ~99.9% at d = 0, ~81% at the default d = 0.5, 50% at
// d = 1, so a classifier that sees the cues imperfectly lands near 75-85% at the default.
// Nuisances (size, depth, anatomy, motion amplitudes, scanner gain) never depend on the class.
import type { Rng } from '@lddm/runtime';

export type LesionClass = 'benign' | 'malignant';

/** Separation of the class means in latent standard deviations at difficulty 0. */
export const CUE_SEPARATION = 3.2;

/** Physical lesion parameters that carry the class; each is documented where it is rendered. */
export interface LesionCues {
  /** Height / width of the in-plane cross-section: benign < 1 (parallel), malignant >= 1. */
  aspect: number;
  /** Margin irregularity in [0, 1]: 0 smooth circumscribed, 1 lobulated and spiculated. */
  irregularity: number;
  /** Internal heterogeneity in [0, 1]: texture contrast and microcalcifications. */
  heterogeneity: number;
  /** Extra attenuation per mm of lesion: < 0 posterior enhancement, > 0 shadowing. */
  attenuation: number;
  /** Lesion strain / surrounding strain under compression, in (0, 1]: malignant are stiffer. */
  strainRatio: number;
  /** Margin echogenic halo and blur in [0, 1] (indistinct margin), tied to irregularity. */
  indistinct: number;
}

/** Separation of the class means at difficulty d in [0, 1] (libs/config validates it), in latent standard deviations. */
export function cueSeparation(d: number): number {
  return CUE_SEPARATION * (1 - d) ** 2;
}

const logistic = (x: number): number => 1 / (1 + Math.exp(-x));

/** Draw the latent scores for one lesion and map them to physical parameters. */
export function sampleCues(rng: Rng, cls: LesionClass, difficulty: number): LesionCues {
  const y = cls === 'malignant' ? 1 : -1;
  const shift = (y * cueSeparation(difficulty)) / 2;
  const latent = (): number => shift + rng.normal(0, 1);
  const tShape = latent();
  const tMargin = latent();
  const tEcho = latent();
  const tPosterior = latent();
  const tStiff = latent();
  const irregularity = logistic(1.6 * tMargin);
  return {
    // exp(-0.15 + 0.32 t): 0.52 at the benign mean of d = 0, 1.44 at the malignant one.
    aspect: Math.exp(-0.15 + 0.32 * tShape),
    irregularity,
    heterogeneity: logistic(1.4 * tEcho),
    // tanh keeps shadow and enhancement bounded; 0.11/mm darkens ~67% behind a 10 mm lesion.
    attenuation: 0.11 * Math.tanh(0.75 * tPosterior),
    strainRatio: 0.06 + 0.94 * logistic(-1.5 * tStiff),
    indistinct: irregularity,
  };
}

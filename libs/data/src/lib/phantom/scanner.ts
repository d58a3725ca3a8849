// Two scanners, so that images and videos differ in domain as BUSI and BUSV do: the video
// scanner has coarser speckle (wider PSF), a narrower dynamic range and lower gain; the image
// scanner finer speckle, more dynamic range and contrast. Each rendering draws its own gain,
// dynamic range and time-gain-compensation error around its scanner's values (nuisances).
import type { Rng } from '@lddm/runtime';

export type ScannerKind = 'video' | 'image';

export interface Scanner {
  kind: ScannerKind;
  /** Field of view in mm: width (lateral) and depth. */
  width: number;
  depth: number;
  /** Baseband PSF standard deviations in mm. */
  psfLateral: number;
  psfAxial: number;
  /** Speckle reduction: the displayed envelope is env^kappa (1 = raw Rayleigh speckle). */
  speckleKappa: number;
  /** Displayed dynamic range in dB and overall gain in dB (0 dB = top of the display). */
  dynamicRange: number;
  gain: number;
  /** Display curve exponent applied after log compression (1 = linear in dB). */
  gamma: number;
  /**
   * Smooth the log image with [1 2 1]/4 kernels, as downsampling a clinical frame does:
   * 0 none, 1 laterally, 2 laterally and axially.
   */
  smooth: 0 | 1 | 2;
  /** Gray level for level L dB in [-dynamicRange, 0], at LUT_STEPS entries per dB. */
  lut: Uint8Array;
  /** Per-row gain in dB: attenuation exp(-alpha z) plus imperfect TGC plus the focal zone. */
  rowGainDb: Float32Array;
}

// Gains put mean gland (echogenicity 1, mean log-speckle -2.5 dB) near gray 110-120 and fat
// near 60-70, as in the shared BUSI images (median gray ~72, 5th-95th percentiles ~14-170).
const PROFILES = {
  video: { width: [36, 44], depth: [32, 40], psfLateral: 0.55, psfAxial: 0.28, kappa: 0.7, dr: 52, gain: -20, gamma: 1, smooth: 2 },
  image: { width: [32, 44], depth: [28, 40], psfLateral: 0.32, psfAxial: 0.16, kappa: 0.5, dr: 44, gain: -14, gamma: 1.1, smooth: 1 },
} as const;

export const LUT_STEPS = 8;

function displayLut(dynamicRange: number, gamma: number): Uint8Array {
  const n = Math.ceil(dynamicRange * LUT_STEPS) + 1;
  const lut = new Uint8Array(n);
  for (let i = 0; i < n; i++) lut[i] = Math.round(255 * (i / (n - 1)) ** gamma);
  return lut;
}

/** Draw a scanner instance of `kind` whose frames are `rows` pixels deep. */
export function sampleScanner(rng: Rng, kind: ScannerKind, rows: number): Scanner {
  const p = PROFILES[kind];
  const width = rng.uniform(p.width[0], p.width[1]);
  const depth = rng.uniform(p.depth[0], p.depth[1]);
  // Round-trip attenuation ~1 dB/mm at 7-10 MHz; the operator's TGC undoes most of it, never
  // exactly: a residual slope, two slow wiggles from the slider bank and a focal-zone bump.
  const alpha = 1.0;
  const tgcSlope = alpha * rng.uniform(0.55, 0.85);
  const wiggles = [0, 1].map(() => ({
    amp: rng.uniform(0.5, 2.5),
    k: (2 * Math.PI) / (depth * rng.uniform(0.5, 1.2)),
    phase: rng.uniform(0, 2 * Math.PI),
  }));
  const focus = depth * rng.uniform(0.3, 0.6);
  const focusGain = rng.uniform(1, 3);
  const rowGainDb = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    const z = ((r + 0.5) / rows) * depth;
    let db = (tgcSlope - alpha) * z + focusGain * Math.exp(-(((z - focus) / (0.25 * depth)) ** 2));
    for (const w of wiggles) db += w.amp * Math.sin(w.k * z + w.phase);
    rowGainDb[r] = db;
  }
  const dynamicRange = p.dr + rng.uniform(-4, 4);
  return {
    kind,
    width,
    depth,
    psfLateral: p.psfLateral * rng.uniform(0.9, 1.1),
    psfAxial: p.psfAxial * rng.uniform(0.9, 1.1),
    speckleKappa: p.kappa,
    dynamicRange,
    gain: p.gain + rng.uniform(-3, 3),
    gamma: p.gamma,
    smooth: p.smooth,
    lut: displayLut(dynamicRange, p.gamma),
    rowGainDb,
  };
}

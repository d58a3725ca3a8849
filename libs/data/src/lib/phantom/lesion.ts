// The lesion: a 3-D body whose in-plane cross-section is an ellipse of semi-axes a (lateral) and
// b (axial) deformed by a radial profile rho(theta) = s(e) * (1 + harmonics + spicules). The
// cross-section depends on the elevational position e of the scan plane (in units of the
// lesion's elevational radius): its size as s(e) = sqrt(1 - e^2) (an ellipsoid), and, for
// irregular lesions, its shape too, since harmonic phases and spicules drift with e. Size,
// position and echo level are nuisances; everything else comes from the class cues.
import type { Rng } from '@lddm/runtime';
import { sampleCues, type LesionClass, type LesionCues } from './cues';
import { valueNoise } from './noise';

export const PROFILE_BINS = 256;
/** The lesion texture spans [-TEX_SPAN, TEX_SPAN]^2 in normalised local coordinates. */
export const TEX_SIZE = 24;
export const TEX_SPAN = 1.8;

export interface Lesion {
  cls: LesionClass;
  cues: LesionCues;
  /** Centre in tissue coordinates (mm) and in-plane semi-axes (mm). */
  cu: number;
  cv: number;
  a: number;
  b: number;
  /** Mean echogenicity inside (gland ~ 1): hypoechoic. */
  echo: number;
  /** Margin transition half-width, in normalised radius. */
  edge: number;
  harmonics: Array<{ k: number; amp: number; phase: number; drift: number }>;
  spicules: Array<{ angle: number; amp: number; sharp: number; drift: number; phase: number }>;
  /** Microcalcifications, in normalised local coordinates. */
  calcs: Array<{ p: number; q: number }>;
  /** Internal texture in [0, 1] on a TEX_SIZE^2 grid (heterogeneity). */
  texture: Float32Array;
}

export interface Placement {
  /** Lateral range (mm) for the centre and the depth band (mm) of the gland. */
  uRange: number;
  glandTop: number;
  glandBottom: number;
  depth: number;
}

export function sampleLesion(rng: Rng, cls: LesionClass, difficulty: number, where: Placement): Lesion {
  const cues = sampleCues(rng.child('cues'), cls, difficulty);
  const irr = cues.irregularity;
  const radius = rng.uniform(3.5, 9);
  const a = radius / Math.sqrt(cues.aspect);
  const b = radius * Math.sqrt(cues.aspect);
  const top = Math.max(where.glandTop + 0.3 * b, b + 3);
  const bottom = Math.max(top, Math.min(where.glandBottom + 2, where.depth * 0.75 - b));
  const harmonics = [];
  for (let k = 2; k <= 6; k++) {
    const amp = ((0.02 + 0.2 * irr) * rng.uniform(0.4, 1)) / k ** 0.8;
    harmonics.push({ k, amp, phase: rng.uniform(0, 2 * Math.PI), drift: irr * rng.uniform(-4, 4) });
  }
  for (let k = 7; k <= 12; k += rng.int(2) + 1) {
    harmonics.push({ k, amp: 0.045 * irr * rng.uniform(0.3, 1), phase: rng.uniform(0, 2 * Math.PI), drift: irr * 6 });
  }
  const nSpicules = irr > 0.45 ? Math.round(((irr - 0.45) / 0.55) * 22) : 0;
  const spicules = Array.from({ length: nSpicules }, () => ({
    angle: rng.uniform(0, 2 * Math.PI),
    amp: irr * rng.uniform(0.06, 0.25),
    sharp: rng.uniform(400, 1500),
    drift: rng.uniform(-3, 3),
    phase: rng.uniform(0, 2 * Math.PI),
  }));
  const nCalcs = Math.floor(cues.heterogeneity ** 2 * rng.uniform(0, 9));
  const calcs = Array.from({ length: nCalcs }, () => {
    const r = 0.75 * Math.sqrt(rng.next());
    const t = rng.uniform(0, 2 * Math.PI);
    return { p: r * Math.cos(t), q: r * Math.sin(t) };
  });
  return {
    cls,
    cues,
    cu: rng.uniform(-where.uRange, where.uRange),
    cv: rng.uniform(top, bottom),
    a,
    b,
    echo: rng.uniform(0.05, 0.22),
    edge: 0.03 + 0.17 * cues.indistinct,
    harmonics,
    spicules,
    calcs,
    texture: valueNoise(rng, TEX_SIZE, TEX_SIZE, 3, 3),
  };
}

/** rho(theta) at elevation e, sampled at PROFILE_BINS angles over [-pi, pi), into `out`. */
export function fillProfile(lesion: Lesion, elevation: number, out: Float32Array): void {
  const s = Math.sqrt(1 - Math.min(0.9, elevation * elevation));
  const step = (2 * Math.PI) / PROFILE_BINS;
  const rho = new Float64Array(PROFILE_BINS).fill(1);
  // Harmonics by rotation: (c, d) = (cos, sin)(k theta_i + phase) advanced by k * step, a
  // quarter of the cost of calling cos at every bin.
  for (const h of lesion.harmonics) {
    const phi = -Math.PI * h.k + h.phase + h.drift * elevation;
    let c = Math.cos(phi);
    let d = Math.sin(phi);
    const cs = Math.cos(h.k * step);
    const sn = Math.sin(h.k * step);
    for (let i = 0; i < PROFILE_BINS; i++) {
      rho[i] += h.amp * c;
      const c2 = c * cs - d * sn;
      d = d * cs + c * sn;
      c = c2;
    }
  }
  // Spicules: narrow spikes cos(theta - angle)^sharp, evaluated only where cos > 0.97.
  const half = Math.ceil(Math.acos(0.97) / step);
  for (const sp of lesion.spicules) {
    const amp = sp.amp * (0.6 + 0.4 * Math.cos(sp.drift * elevation + sp.phase));
    const centre = Math.round((sp.angle + Math.PI) / step);
    for (let j = centre - half; j <= centre + half; j++) {
      const i = ((j % PROFILE_BINS) + PROFILE_BINS) % PROFILE_BINS;
      const c = Math.cos(-Math.PI + i * step - sp.angle);
      if (c > 0.97) rho[i] += amp * c ** sp.sharp;
    }
  }
  for (let i = 0; i < PROFILE_BINS; i++) out[i] = s * Math.max(0.35, rho[i]);
}

// Freehand scanning motion, as smooth functions of time: the probe slides laterally and tilts
// in plane, the patient breathes (deeper tissue moves more), the operator sweeps the plane out
// of plane across the lesion (changing its cross-section) and presses periodically
// (compression: axial strain of the tissue, under which the lesion strains by its own ratio,
// see cues.ts). Amplitudes and rates are nuisances, the same for both classes.
import type { Rng } from '@lddm/runtime';

/** Frames per second assumed to turn frame indices into time. */
export const FPS = 30;

interface Osc {
  amp: number;
  freq: number;
  phase: number;
}

export interface Motion {
  slide: [Osc, Osc];
  tilt: Osc;
  breath: Osc;
  /** Peak axial strain and its oscillation; strain(t) = amp * (1 - cos(2 pi f t + phase)) / 2. */
  compression: Osc;
  /** Elevation e(t) = centre + amp * sin(2 pi f t + phase), |e| <= 0.7. */
  elevCentre: number;
  elevation: Osc;
  /** Baseline speckle decorrelation per frame, radians. */
  decorrelation: number;
}

export interface Pose {
  /** Lateral probe offset, mm. */
  slide: number;
  /** In-plane tilt, radians, about the probe centre. */
  tilt: number;
  /** Axial breathing shift at the skin, mm (scaled up with depth). */
  breath: number;
  /** Background axial strain in [0, 0.2). */
  strain: number;
  /** Elevation of the scan plane, in lesion elevational radii. */
  elevation: number;
}

const osc = (rng: Rng, amp: [number, number], freq: [number, number]): Osc => ({
  amp: rng.uniform(amp[0], amp[1]),
  freq: rng.uniform(freq[0], freq[1]),
  phase: rng.uniform(0, 2 * Math.PI),
});

export function sampleMotion(rng: Rng): Motion {
  const elevAmp = rng.uniform(0.15, 0.55);
  return {
    slide: [osc(rng, [0.5, 2.5], [0.08, 0.3]), osc(rng, [0.1, 0.6], [0.4, 1.0])],
    tilt: osc(rng, [0.01, 0.05], [0.1, 0.35]),
    breath: osc(rng, [0.2, 0.9], [0.2, 0.33]),
    // A press every 0.7-1.6 s so that even the shortest video (1.6 s) holds one cycle.
    compression: osc(rng, [0.04, 0.14], [0.6, 1.4]),
    elevCentre: rng.uniform(-1, 1) * (0.7 - elevAmp),
    elevation: { amp: elevAmp, freq: rng.uniform(0.12, 0.4), phase: rng.uniform(0, 2 * Math.PI) },
    decorrelation: rng.uniform(0.02, 0.05),
  };
}

const wave = (o: Osc, t: number): number => o.amp * Math.sin(2 * Math.PI * o.freq * t + o.phase);

/** The pose at frame `frame`. */
export function poseAt(m: Motion, frame: number): Pose {
  const t = frame / FPS;
  const c = m.compression;
  return {
    slide: wave(m.slide[0], t) + wave(m.slide[1], t),
    tilt: wave(m.tilt, t),
    breath: wave(m.breath, t),
    strain: (c.amp * (1 - Math.cos(2 * Math.PI * c.freq * t + c.phase))) / 2,
    elevation: m.elevCentre + wave(m.elevation, t),
  };
}

/** A still image: no compression or breathing, a slight tilt, any plane through the lesion. */
export function stillPose(rng: Rng): Pose {
  return { slide: 0, tilt: rng.uniform(-0.03, 0.03), breath: 0, strain: 0, elevation: rng.uniform(-0.6, 0.6) };
}

/**
 * Speckle decorrelation from frame to frame + 1, radians: a physiological baseline plus the
 * out-of-plane motion, which replaces the scatterers in the slice (~0.8 rad per mm of
 * elevational travel: a slice ~2 mm thick). `radiusMm` turns elevation units into mm.
 */
export function decorrelationStep(m: Motion, frame: number, radiusMm: number): number {
  const de = Math.abs(poseAt(m, frame + 1).elevation - poseAt(m, frame).elevation);
  return m.decorrelation + 0.8 * de * radiusMm;
}

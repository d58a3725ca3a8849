// The lesion as one frame sees it. Its centre moves with the surrounding tissue (pose), but it
// strains by its own ratio: under background strain eps its axial size scales by
// (1 - eps * strainRatio), laterally by (1 + 0.3 eps * strainRatio) (near-incompressible bulge).
// Inside it, and blended out to 1.8 radii, speckle follows the lesion's own deformation, so a
// stiff lesion moves rigidly while the tissue around it compresses, as in strain elastography.
import { fillProfile, PROFILE_BINS, TEX_SIZE, TEX_SPAN, type Lesion } from './lesion';
import type { Pose } from './motion';
import type { Scene } from './scene';
import { fastAtan2 } from './fast-math';

const smooth = (t: number): number => (t <= 0 ? 0 : t >= 1 ? 1 : t * t * (3 - 2 * t));

export interface LesionSample {
  /** Lesion membership in [0, 1] (soft margin) and whether the pixel is in the mask. */
  member: number;
  inside: boolean;
  /** Echogenicity contributed by the lesion (already weighted by membership, plus halo). */
  echo: number;
  /** Tissue coordinates at which speckle is sampled. */
  u: number;
  v: number;
}

export interface LesionFrameView {
  /** Pixel window worth evaluating. */
  x0: number;
  x1: number;
  z0: number;
  z1: number;
  attenuation: number;
  sample(xm: number, zm: number, ub: number, vb: number): LesionSample;
  /** Edge shadow depth per column, and how much of it applies at depth zm (0 above centre). */
  edgeDeficit: Float32Array;
  edgeRamp(zm: number): number;
}

export function lesionFrame(scene: Scene, pose: Pose): LesionFrameView {
  const les = scene.lesion as Lesion;
  const { dx, dz, size: n, scanner: sc } = scene;
  const cosT = Math.cos(pose.tilt);
  const sinT = Math.sin(pose.tilt);
  // Tissue -> image for the centre: the inverse of the pixel -> tissue map in render.ts.
  const v0 = (les.cv + 0.3 * pose.breath) / (1 + (0.7 * pose.breath) / sc.depth);
  const zr = v0 * (1 - pose.strain);
  const xr = les.cu - pose.slide;
  const xc = cosT * xr - sinT * zr;
  const zc = sinT * xr + cosT * zr;
  const epsL = pose.strain * les.cues.strainRatio;
  const A = les.a * (1 + 0.3 * epsL);
  const B = les.b * (1 - epsL);
  const rho = new Float32Array(PROFILE_BINS + 1);
  fillProfile(les, pose.elevation, rho);
  rho[PROFILE_BINS] = rho[0];
  const rhoMax = Math.max(...rho);
  // Half-extent of the blend zone along x and z (the lesion frame is tilted by the probe).
  const reachX = 1.9 * rhoMax * (A * Math.abs(cosT) + B * Math.abs(sinT));
  const reachZ = 1.9 * rhoMax * (B * Math.abs(cosT) + A * Math.abs(sinT));
  const het = 1.8 * les.cues.heterogeneity;
  const halo = 0.9 * les.cues.indistinct;
  const edge = les.edge;
  const calcR2 = (0.2 / Math.min(les.a, les.b)) ** 2;
  const texScale = (TEX_SIZE - 1) / (2 * TEX_SPAN);
  // Refraction at a smooth, round margin casts thin shadows below its lateral edges.
  const edgeStrength = 0.4 * (1 - les.cues.irregularity) ** 2;
  const xl = xc - rho[0] * A;
  const xrEdge = xc + rho[PROFILE_BINS >> 1] * A;
  const edgeDeficit = new Float32Array(n);
  for (let x = 0; x < n; x++) {
    const xm = (x + 0.5) * dx - sc.width / 2;
    const w = 0.6;
    edgeDeficit[x] = edgeStrength * (Math.exp(-(((xm - xl) / w) ** 2)) + Math.exp(-(((xm - xrEdge) / w) ** 2)));
  }
  const out: LesionSample = { member: 0, inside: false, echo: 0, u: 0, v: 0 };
  const toPx = (mm: number, d: number, off: number): number => Math.floor((mm + off) / d);
  return {
    x0: Math.max(0, toPx(xc - reachX, dx, sc.width / 2)),
    x1: Math.min(n - 1, toPx(xc + reachX, dx, sc.width / 2)),
    z0: Math.max(0, toPx(zc - reachZ, dz, 0)),
    z1: Math.min(n - 1, toPx(zc + reachZ, dz, 0)),
    attenuation: les.cues.attenuation,
    edgeDeficit,
    edgeRamp: (zm) => smooth((zm - zc) / (0.5 * B)) * Math.exp(-Math.max(0, zm - zc) / (4 * B)),
    sample(xm, zm, ub, vb) {
      const ddx = xm - xc;
      const ddz = zm - zc;
      const p = (cosT * ddx + sinT * ddz) / A;
      const q = (-sinT * ddx + cosT * ddz) / B;
      const r = Math.sqrt(p * p + q * q);
      if (r > 1.85 * rhoMax) {
        // Beyond the blend zone whatever the angle: plain background.
        out.member = 0;
        out.inside = false;
        out.echo = 0;
        out.u = ub;
        out.v = vb;
        return out;
      }
      const t = ((fastAtan2(q, p) + Math.PI) / (2 * Math.PI)) * PROFILE_BINS;
      const ti = Math.min(PROFILE_BINS - 1, t | 0);
      const rn = r / (rho[ti] + (t - ti) * (rho[ti + 1] - rho[ti]));
      const member = 1 - smooth((rn - 1 + edge) / (2 * edge));
      const wb = smooth((1.8 - rn) / 0.8);
      out.u = ub + wb * (les.cu + p * les.a - ub);
      out.v = vb + wb * (les.cv + q * les.b - vb);
      out.member = member;
      out.inside = rn < 1;
      let e = 0;
      if (member > 0) {
        const tx = Math.min(TEX_SIZE - 1.001, Math.max(0, (p + TEX_SPAN) * texScale));
        const ty = Math.min(TEX_SIZE - 1.001, Math.max(0, (q + TEX_SPAN) * texScale));
        const ix = tx | 0;
        const iy = ty | 0;
        const k = iy * TEX_SIZE + ix;
        const T = les.texture;
        const top = T[k] + (tx - ix) * (T[k + 1] - T[k]);
        const tex = top + (ty - iy) * (T[k + TEX_SIZE] + (tx - ix) * (T[k + TEX_SIZE + 1] - T[k + TEX_SIZE]) - top);
        e = les.echo * Math.max(0.05, 1 + het * (tex - 0.5));
        for (const c of les.calcs) {
          if ((p - c.p) ** 2 + (q - c.q) ** 2 < calcR2) e += 1.2;
        }
        e *= member;
      }
      if (rn > 1 && rn < 1.5 && halo > 0) e += halo * Math.exp(-(((rn - 1.12) / 0.1) ** 2));
      out.echo = e;
      return out;
    },
  };
}

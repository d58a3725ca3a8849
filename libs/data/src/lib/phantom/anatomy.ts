// Breast anatomy as a map of mean backscatter amplitude ("echogenicity", 1 ~ gland) in tissue
// coordinates. Layers from the skin down, as a linear probe sees them: bright skin line,
// hypoechoic subcutaneous fat in lobules separated by bright septa (Cooper's ligaments),
// streaky fibroglandular tissue with dark ducts, a thin retromammary fat layer under a bright
// fascia, striated pectoral muscle, then the chest wall. Depths and textures are nuisances.
import type { Rng } from '@lddm/runtime';
import type { GridGeometry } from './grid';
import { fractalNoise } from './noise';
import { placeLobules } from './lobules';

/** A wavy interface: depth(u) = base + sum of three sinusoids. */
interface Interface {
  base: number;
  terms: Array<{ amp: number; k: number; phase: number }>;
}

function wavy(rng: Rng, base: number, amp: number): Interface {
  const terms = [30, 14, 7].map((period, i) => ({
    amp: (amp * rng.uniform(0.4, 1)) / (i + 1) ** 1.5,
    k: (2 * Math.PI) / (period * rng.uniform(0.7, 1.4)),
    phase: rng.uniform(0, 2 * Math.PI),
  }));
  return { base, terms };
}

const depthAt = (f: Interface, u: number): number =>
  f.base + f.terms.reduce((s, t) => s + t.amp * Math.sin(t.k * u + t.phase), 0);

/** Bright specular line of half-width `w` mm centred at depth `at`. */
const line = (v: number, at: number, w: number): number => Math.exp(-(((v - at) / w) ** 2));

export interface Anatomy {
  echo: Float32Array;
  /**
   * Refraction shadows cast by Cooper's ligaments: per grid column, dB lost below `shadowFrom`
   * (the fat/gland interface): the thin vertical dark streaks of real breast scans.
   */
  shadowDb: Float32Array;
  shadowFrom: Float32Array;
  /** Mean depths (mm) of the fat/gland and gland/retromammary interfaces, to place lesions. */
  glandTop: number;
  glandBottom: number;
}

export function buildAnatomy(rng: Rng, g: GridGeometry, depth: number): Anatomy {
  const skin = rng.uniform(1.2, 2.2);
  const fat = wavy(rng, skin + depth * rng.uniform(0.1, 0.28), 1.4);
  const gland = wavy(rng, fat.base + depth * rng.uniform(0.25, 0.42), 0.9);
  const retro = rng.uniform(1, 3);
  const muscle = rng.uniform(0.12, 0.22) * depth;
  const chestLine = rng.uniform(1, 5);
  const strPeriod = rng.uniform(0.9, 1.6);
  const strSlope = Math.tan(rng.uniform(-0.2, 0.2));
  const px = 1 / g.pitch;
  const glandTex = fractalNoise(rng, g.cols, g.rows, 8 * px, 0.8 * px);
  const ducts = fractalNoise(rng, g.cols, g.rows, 5 * px, 0.9 * px);
  const fine = fractalNoise(rng, g.cols, g.rows, 0.9 * px, 0.5 * px);
  const lob = placeLobules(rng, g, skin, (u) => depthAt(fat, u));
  // Interface depths per column first, then fill row by row (the arrays are row-major).
  const fb = new Float32Array(g.cols);
  const gb = new Float32Array(g.cols);
  for (let c = 0; c < g.cols; c++) {
    const u = g.u0 + c * g.pitch;
    fb[c] = depthAt(fat, u);
    gb[c] = depthAt(gland, u);
  }
  const echo = new Float32Array(g.cols * g.rows);
  for (let r = 0; r < g.rows; r++) {
    const v = g.v0 + r * g.pitch;
    for (let c = 0; c < g.cols; c++) {
      const k = r * g.cols + c;
      const mt = gb[c] + retro;
      const mb = mt + muscle;
      let e: number;
      if (v < 0) e = 0.02; // coupling gel
      else if (v < skin) e = 0.55 + 1.6 * line(v, 0.12, 0.18) + 1.0 * line(v, skin, 0.2);
      else if (v < fb[c] || lob.inside[k] > 0) e = 0.22 + 0.16 * fine[k] + 1.6 * lob.septum[k] * ducts[k];
      else if (v < gb[c]) {
        // Fibrous strands: laterally elongated bright streaks, squared for a skewed histogram.
        const t = glandTex[k];
        e = 0.3 + 2.6 * t * t + 0.3 * (fine[k] - 0.5);
        if (ducts[k] > 0.68) e *= 0.25; // ducts and fat islands
        e += 0.3 * lob.septum[k];
      } else if (v < mt) e = 0.16 + 0.15 * fine[k] + 1.2 * line(v, gb[c] + 0.2, 0.22) * ducts[k] * ducts[k];
      else if (v < mb) {
        const u = g.u0 + c * g.pitch;
        const s = Math.sin((2 * Math.PI * (v + strSlope * u)) / strPeriod + 3 * ducts[k]);
        e = 0.22 + 0.6 * Math.max(0, s) ** 6 + 1.0 * line(v, mt, 0.2) * fine[k];
      } else e = 0.1 + 0.15 * fine[k] + 1.4 * line(v, mb + chestLine, 0.35) * ducts[k];
      echo[k] = e;
    }
  }
  const shadowDb = new Float32Array(g.cols);
  const nShadows = rng.int(6);
  for (let i = 0; i < nShadows; i++) {
    const at = rng.uniform(0, g.cols);
    const w = rng.uniform(1, 3) * px;
    const db = rng.uniform(2, 7);
    for (let c = 0; c < g.cols; c++) shadowDb[c] += db * Math.exp(-(((c - at) / w) ** 2));
  }
  return { echo, shadowDb, shadowFrom: fb, glandTop: fat.base, glandBottom: gland.base };
}

// Fat lobules and the septa between them (Cooper's ligaments). Lobules are ellipses, wider than
// tall, scattered through the subcutaneous fat and straddling the fat/gland interface. A septum
// is the capsule of the nearest lobule (its ellipse outline) or where two lobules meet (nearly
// as close to the second-nearest as to the nearest), which draws thin curved bright arcs.
import type { Rng } from '@lddm/runtime';
import type { GridGeometry } from './grid';

export interface Lobules {
  /** 1 inside a lobule core (fat), else 0. */
  inside: Uint8Array;
  /** Septum strength in [0, 1]. */
  septum: Float32Array;
}

/** Lobules between depth `top` and `bottomAt(u)` + 1.5 mm, over the whole grid. */
export function placeLobules(rng: Rng, g: GridGeometry, top: number, bottomAt: (u: number) => number): Lobules {
  const n = g.cols * g.rows;
  const d1 = new Float32Array(n).fill(9);
  const d2 = new Float32Array(n).fill(9);
  const uMin = g.u0;
  const uMax = g.u0 + g.cols * g.pitch;
  const meanBottom = bottomAt((uMin + uMax) / 2);
  const area = (uMax - uMin) * Math.max(1, meanBottom + 1.5 - top);
  const count = Math.ceil(area / 30);
  const reach = 2.2;
  for (let i = 0; i < count; i++) {
    const cu = rng.uniform(uMin, uMax);
    const bottom = bottomAt(cu) + 1.5;
    const cv = rng.uniform(top, Math.max(top + 0.5, bottom));
    const a = 3 * Math.exp(rng.uniform(0, 1.2)); // 3-10 mm, more small ones
    const b = a * rng.uniform(0.25, 0.5);
    const c0 = Math.max(0, Math.floor((cu - reach * a - g.u0) / g.pitch));
    const c1 = Math.min(g.cols - 1, Math.ceil((cu + reach * a - g.u0) / g.pitch));
    const r0 = Math.max(0, Math.floor((cv - reach * b - g.v0) / g.pitch));
    const r1 = Math.min(g.rows - 1, Math.ceil((cv + reach * b - g.v0) / g.pitch));
    for (let r = r0; r <= r1; r++) {
      const dv = (g.v0 + r * g.pitch - cv) / b;
      for (let c = c0; c <= c1; c++) {
        const du = (g.u0 + c * g.pitch - cu) / a;
        const d = Math.sqrt(du * du + dv * dv);
        const k = r * g.cols + c;
        if (d < d1[k]) {
          d2[k] = d1[k];
          d1[k] = d;
        } else if (d < d2[k]) d2[k] = d;
      }
    }
  }
  const inside = new Uint8Array(n);
  const septum = new Float32Array(n);
  for (let k = 0; k < n; k++) {
    if (d1[k] > 1.4) continue; // no capsule or meeting edge this far from every lobule
    if (d1[k] < 1) inside[k] = 1;
    // The capsule of the nearest lobule, and the edge where two lobules meet.
    const ring = (d1[k] - 1) / 0.07;
    const gap = d2[k] < reach ? (d2[k] - d1[k]) / 0.08 : 9;
    septum[k] = Math.max(Math.exp(-ring * ring), Math.exp(-gap * gap) * (d1[k] < 1.3 ? 1 : 0));
  }
  return { inside, septum };
}

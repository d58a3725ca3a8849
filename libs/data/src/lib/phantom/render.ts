// B-mode rendering of one frame. For each pixel: where in the tissue it is now (pose), the
// mean echogenicity there (anatomy, or the lesion inside its margin), times the speckle
// envelope sampled at the same tissue point, times the posterior effect of the lesion above
// (attenuation accumulated along the beam, which runs straight down each column of a linear
// probe), times the depth gain (attenuation with imperfect TGC); then log compression to 8 bits.
import type { Pose } from './motion';
import type { Scene } from './scene';
import { lesionFrame } from './lesion-frame';
import { LUT_STEPS } from './scanner';
import { fastLn } from './fast-math';

export interface Frame {
  pixels: Uint8Array;
  /** 1 inside the lesion's cross-section, else 0. */
  mask: Uint8Array;
  /** COCO bbox [x, y, w, h] of the mask in pixels, or null when the mask is empty. */
  bbox: [number, number, number, number] | null;
  area: number;
}

const DB_PER_LN = 20 / Math.LN10;

interface Scratch {
  level: Float32Array;
  tmp: Float32Array;
  post: Float32Array;
  pathMm: Float32Array;
  /** Aperture fall-off at the lateral edges, amplitude factor per column. */
  lateral: Float32Array;
}

/** Per-scene buffers reused from frame to frame (a video renders its frames in sequence). */
const scratches = new WeakMap<Scene, Scratch>();
function scratchOf(scene: Scene): Scratch {
  let s = scratches.get(scene);
  if (!s) {
    const n = scene.size;
    const lateral = new Float32Array(n);
    for (let x = 0; x < n; x++) lateral[x] = 1 - 0.3 * Math.abs((2 * (x + 0.5)) / n - 1) ** 4;
    s = { level: new Float32Array(n * n), tmp: new Float32Array(n * n), post: new Float32Array(n), pathMm: new Float32Array(n), lateral };
    scratches.set(scene, s);
  }
  return s;
}

export function renderFrame(scene: Scene, pose: Pose): Frame {
  const { size: n, scanner: sc, dx, dz, grid: g, tissueGrid: tg, echo, speckle, shadowDb, shadowFrom } = scene;
  const sameGrid = tg === g;
  const { level, tmp, post, pathMm, lateral } = scratchOf(scene); // level: displayed dB
  const mask = new Uint8Array(n * n);
  const cosT = Math.cos(pose.tilt);
  const sinT = Math.sin(pose.tilt);
  const keep = 1 / (1 - pose.strain);
  const breathScale = 1 - (0.7 * pose.breath) / sc.depth;
  const mixA = Math.cos(speckle.phase);
  const mixB = Math.sin(speckle.phase);
  const useB = mixB > 1e-6;
  const fa = speckle.a;
  const fb = useB ? speckle.b : fa; // touching .b draws the second field: stills never need it
  const halfKappa = 0.5 * sc.speckleKappa;
  const les = scene.lesion ? lesionFrame(scene, pose) : null;
  post.fill(1); // posterior factor per column, updated down the rows
  pathMm.fill(0);
  const gMax = g.cols - 1.001;
  const vMax = g.rows - 1.001;
  const inv = 1 / g.pitch;
  const tgMax = tg.cols - 1.001;
  const tvMax = tg.rows - 1.001;
  const tInv = 1 / tg.pitch;
  let minX = n, maxX = -1, minZ = n, maxZ = -1, area = 0;
  for (let z = 0; z < n; z++) {
    const zm = (z + 0.5) * dz;
    const dbRow = sc.rowGainDb[z] + sc.gain;
    const ramp = les ? les.edgeRamp(zm) : 0;
    const inRows = les !== null && z >= les.z0 && z <= les.z1;
    for (let x = 0; x < n; x++) {
      const xm = (x + 0.5) * dx - sc.width / 2;
      // Pixel -> tissue: undo the tilt about the probe centre, the compression, the breathing
      // (deeper tissue moves more: v = v0 - breath * (0.3 + 0.7 v0 / depth)) and the slide.
      let u = cosT * xm + sinT * zm + pose.slide;
      let v = (-sinT * xm + cosT * zm) * keep * breathScale - 0.3 * pose.breath;
      let member = 0;
      let lesionEcho = 0;
      if (les && inRows && x >= les.x0 && x <= les.x1) {
        const s = les.sample(xm, zm, u, v);
        u = s.u;
        v = s.v;
        member = s.member;
        lesionEcho = s.echo;
        if (s.member > 0) {
          // Effective path: the chord plus up to 5 mm for crossing the margins at all
          // (refraction and scattering at the interfaces), so that shadows span the lesion's
          // width instead of only its thickest middle.
          pathMm[x] += s.member * dz;
          post[x] = Math.exp(-les.attenuation * (pathMm[x] + 5 * (1 - Math.exp(-pathMm[x] / 0.7))));
        }
        if (s.inside) {
          mask[z * n + x] = 1;
          area++;
          if (x < minX) minX = x;
          if (x > maxX) maxX = x;
          if (z < minZ) minZ = z;
          if (z > maxZ) maxZ = z;
        }
      }
      // Bilinear samples of echogenicity and the speckle field(s) at the tissue point.
      let gx = (u - g.u0) * inv;
      let gy = (v - g.v0) * inv;
      gx = gx < 0 ? 0 : gx > gMax ? gMax : gx;
      gy = gy < 0 ? 0 : gy > vMax ? vMax : gy;
      const i = gx | 0;
      const j = gy | 0;
      const fx = gx - i;
      const fy = gy - j;
      const k = j * g.cols + i;
      const k1 = k + g.cols;
      const w00 = (1 - fx) * (1 - fy), w10 = fx * (1 - fy), w01 = (1 - fx) * fy, w11 = fx * fy;
      let bg: number;
      let ti = i;
      if (sameGrid) bg = w00 * echo[k] + w10 * echo[k + 1] + w01 * echo[k1] + w11 * echo[k1 + 1];
      else {
        let tx = (u - tg.u0) * tInv;
        let ty = (v - tg.v0) * tInv;
        tx = tx < 0 ? 0 : tx > tgMax ? tgMax : tx;
        ty = ty < 0 ? 0 : ty > tvMax ? tvMax : ty;
        ti = tx | 0;
        const tj = ty | 0;
        const ax = tx - ti;
        const tk = tj * tg.cols + ti;
        const top = echo[tk] + ax * (echo[tk + 1] - echo[tk]);
        const bot = echo[tk + tg.cols] + ax * (echo[tk + tg.cols + 1] - echo[tk + tg.cols]);
        bg = top + (ty - tj) * (bot - top);
      }
      let re = mixA * (w00 * fa.re[k] + w10 * fa.re[k + 1] + w01 * fa.re[k1] + w11 * fa.re[k1 + 1]);
      let im = mixA * (w00 * fa.im[k] + w10 * fa.im[k + 1] + w01 * fa.im[k1] + w11 * fa.im[k1 + 1]);
      if (useB) {
        re += mixB * (w00 * fb.re[k] + w10 * fb.re[k + 1] + w01 * fb.re[k1] + w11 * fb.re[k1 + 1]);
        im += mixB * (w00 * fb.im[k] + w10 * fb.im[k + 1] + w01 * fb.im[k1] + w11 * fb.im[k1 + 1]);
      }
      // Inside the margin the lesion replaces the background echo (lesionEcho is weighted).
      const e = bg * (1 - member) + lesionEcho;
      let amp = e * lateral[x];
      if (les) amp *= post[x] * (1 - ramp * les.edgeDeficit[x]);
      // 20 log10(amp * env^kappa), env^2 = re^2 + im^2: kappa < 1 is the scanner's speckle
      // reduction (compounding), which shrinks the speckle's spread in dB by kappa.
      const shade = v > shadowFrom[ti] ? shadowDb[ti] : 0;
      level[z * n + x] = DB_PER_LN * (fastLn(amp + 1e-6) + halfKappa * fastLn(re * re + im * im + 1e-9)) + dbRow - shade;
    }
  }
  const pixels = toGray(level, tmp, n, sc.dynamicRange, sc.lut, sc.smooth);
  const bbox: Frame['bbox'] = area > 0 ? [minX, minZ, maxX - minX + 1, maxZ - minZ + 1] : null;
  return { pixels, mask, bbox, area };
}

/** Log-compressed levels (dB, 0 = top) to gray through the display LUT, optionally smoothed. */
function toGray(level: Float32Array, tmp: Float32Array, n: number, dr: number, lut: Uint8Array, smooth: 0 | 1 | 2): Uint8Array {
  if (smooth > 0) {
    for (let z = 0; z < n; z++) {
      const r = z * n;
      for (let x = 0; x < n; x++) {
        const l = level[r + (x > 0 ? x - 1 : 0)];
        const h = level[r + (x < n - 1 ? x + 1 : x)];
        tmp[r + x] = 0.25 * (l + h) + 0.5 * level[r + x];
      }
    }
    for (let z = 0; z < n; z++) {
      const up = (z > 0 && smooth === 2 ? z - 1 : z) * n;
      const dn = (z < n - 1 && smooth === 2 ? z + 1 : z) * n;
      for (let x = 0; x < n; x++) level[z * n + x] = 0.25 * (tmp[up + x] + tmp[dn + x]) + 0.5 * tmp[z * n + x];
    }
  }
  const out = new Uint8Array(level.length);
  const top = lut.length - 1;
  for (let i = 0; i < level.length; i++) {
    const t = (level[i] + dr) * LUT_STEPS;
    out[i] = lut[t <= 0 ? 0 : t >= top ? top : t | 0];
  }
  return out;
}

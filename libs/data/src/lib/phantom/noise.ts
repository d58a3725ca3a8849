// Random fields on a grid, cheap enough to draw per video and per image: value noise for tissue
// texture (cost independent of its scale) and a separable Gaussian blur for the speckle PSF
// (kernels of a few cells only).
import type { Rng } from '@lddm/runtime';

/**
 * Value noise in [0, 1] on a cols x rows grid: uniform values on a lattice spaced `su` x `sv`
 * cells apart, smoothstep-interpolated between. Anisotropic spacing (su > sv) gives the
 * laterally streaked texture of breast tissue in B-mode.
 */
export function valueNoise(rng: Rng, cols: number, rows: number, su: number, sv: number): Float32Array {
  const lc = Math.ceil(cols / su) + 2;
  const lr = Math.ceil(rows / sv) + 2;
  const lattice = new Float32Array(lc * lr);
  for (let i = 0; i < lattice.length; i++) lattice[i] = rng.next();
  const ci = new Int32Array(cols);
  const cw = new Float32Array(cols);
  for (let c = 0; c < cols; c++) {
    const g = c / su;
    ci[c] = Math.floor(g);
    const f = g - ci[c];
    cw[c] = f * f * (3 - 2 * f);
  }
  const out = new Float32Array(cols * rows);
  for (let r = 0; r < rows; r++) {
    const g = r / sv;
    const j = Math.floor(g);
    const f = g - j;
    const w = f * f * (3 - 2 * f);
    const row0 = j * lc;
    const row1 = row0 + lc;
    for (let c = 0; c < cols; c++) {
      const i = ci[c];
      const a = lattice[row0 + i] + cw[c] * (lattice[row0 + i + 1] - lattice[row0 + i]);
      const b = lattice[row1 + i] + cw[c] * (lattice[row1 + i + 1] - lattice[row1 + i]);
      out[r * cols + c] = a + w * (b - a);
    }
  }
  return out;
}

/** Two octaves of value noise, rescaled to [0, 1]; more natural than one. */
export function fractalNoise(rng: Rng, cols: number, rows: number, su: number, sv: number): Float32Array {
  const coarse = valueNoise(rng, cols, rows, su, sv);
  const fine = valueNoise(rng, cols, rows, Math.max(1, su / 2.3), Math.max(1, sv / 2.3));
  for (let i = 0; i < coarse.length; i++) coarse[i] = (2 * coarse[i] + fine[i]) / 3;
  return coarse;
}

/** Normalised Gaussian taps for standard deviation `sigma` cells, truncated at 2.5 sigma. */
export function gaussianKernel(sigma: number): Float32Array {
  const radius = Math.max(1, Math.ceil(2.5 * sigma));
  const k = new Float32Array(2 * radius + 1);
  let sum = 0;
  for (let i = -radius; i <= radius; i++) {
    k[i + radius] = Math.exp(-(i * i) / (2 * sigma * sigma));
    sum += k[i + radius];
  }
  for (let i = 0; i < k.length; i++) k[i] /= sum;
  return k;
}

/**
 * Separable convolution with kernels `ku` (along columns) and `kv` (along rows), edges clamped;
 * `tmp` is scratch of the same length. Writes the result back into `data`. Interior cells skip
 * the clamping, which is most of the cost otherwise.
 */
export function blurSeparable(
  data: Float32Array,
  cols: number,
  rows: number,
  ku: Float32Array,
  kv: Float32Array,
  tmp: Float32Array,
): void {
  const ru = (ku.length - 1) >> 1;
  const rv = (kv.length - 1) >> 1;
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    for (let c = 0; c < cols; c++) {
      let s = 0;
      if (c >= ru && c < cols - ru) {
        const o = base + c - ru;
        for (let t = 0; t < ku.length; t++) s += ku[t] * data[o + t];
      } else {
        for (let t = -ru; t <= ru; t++) {
          const cc = c + t < 0 ? 0 : c + t >= cols ? cols - 1 : c + t;
          s += ku[t + ru] * data[base + cc];
        }
      }
      tmp[base + c] = s;
    }
  }
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    if (r >= rv && r < rows - rv) {
      data.fill(0, base, base + cols);
      for (let t = 0; t < kv.length; t++) {
        const w = kv[t];
        const o = (r - rv + t) * cols;
        for (let c = 0; c < cols; c++) data[base + c] += w * tmp[o + c];
      }
    } else {
      for (let c = 0; c < cols; c++) {
        let s = 0;
        for (let t = -rv; t <= rv; t++) {
          const rr = r + t < 0 ? 0 : r + t >= rows ? rows - 1 : r + t;
          s += kv[t + rv] * tmp[rr * cols + c];
        }
        data[base + c] = s;
      }
    }
  }
}

// Speckle from a scatterer field. A complex (I/Q) field of random scatterers on the tissue grid
// is convolved with the baseband point-spread function, a separable Gaussian whose widths set
// the speckle size; the envelope |I + iQ| is the speckle amplitude (Rayleigh distributed). The
// field lives in tissue coordinates, so sampling it where the tissue moved makes the speckle
// move with the tissue. It decorrelates slowly (out-of-plane motion, physiological change) by
// rotating between two independent fields, F = cos(phi) A + sin(phi) B, which keeps the field's
// variance: when phi reaches pi/2, A := B and B is drawn fresh.
import type { Rng } from '@lddm/runtime';
import type { GridGeometry } from './grid';
import { blurSeparable, gaussianKernel } from './noise';

/** One complex scatterer field convolved with the PSF, normalised to E|F|^2 = 1. */
export interface ComplexField {
  re: Float32Array;
  im: Float32Array;
}

export class SpeckleSequence {
  private readonly ku: Float32Array;
  private readonly kv: Float32Array;
  private readonly scale: number;
  private readonly tmp: Float32Array;
  private drawn = 0;
  private fieldA: ComplexField;
  private fieldB: ComplexField | undefined;
  /** Mixing angle phi in [0, pi/2). */
  phase = 0;

  /** PSF standard deviations in mm, lateral (u) and axial (v). */
  constructor(
    private readonly rng: Rng,
    private readonly grid: GridGeometry,
    psfLateral: number,
    psfAxial: number,
  ) {
    this.ku = gaussianKernel(psfLateral / grid.pitch);
    this.kv = gaussianKernel(psfAxial / grid.pitch);
    // Uniform scatterers of variance 1/3 per component; after the blur each component has
    // variance (1/3) * sum(ku^2) * sum(kv^2); scale so that re^2 + im^2 averages 1.
    const sq = (k: Float32Array): number => k.reduce((s, x) => s + x * x, 0);
    this.scale = 1 / Math.sqrt((2 / 3) * sq(this.ku) * sq(this.kv));
    this.tmp = new Float32Array(grid.cols * grid.rows);
    this.fieldA = this.fresh();
  }

  get a(): ComplexField {
    return this.fieldA;
  }

  /** Drawn on first use, so that a still image (phi = 0) never pays for it. */
  get b(): ComplexField {
    this.fieldB ??= this.fresh();
    return this.fieldB;
  }

  /** Decorrelate by `dphi` radians (frame-to-frame correlation of the field is cos(dphi)). */
  advance(dphi: number): void {
    this.phase += dphi;
    while (this.phase >= Math.PI / 2) {
      this.phase -= Math.PI / 2;
      this.fieldA = this.b;
      this.fieldB = undefined;
    }
  }

  /** Field number i comes from its own named stream, whatever order fields are drawn in. */
  private fresh(): ComplexField {
    const rng = this.rng.child(`field-${this.drawn++}`);
    return { re: this.component(rng.nextUint32()), im: this.component(rng.nextUint32()) };
  }

  private component(seed: number): Float32Array {
    const { cols, rows } = this.grid;
    const f = new Float32Array(cols * rows);
    // Uniform rather than Gaussian scatterers: after a PSF spanning many of them the sum is
    // Gaussian anyway (central limit). xorshift32 inline: a tenth of the cost of Rng.next()
    // for the ~10^5 draws per field; seeded from the Rng, so still reproducible.
    let x = seed | 1;
    const k = (2 * this.scale) / 4294967296;
    for (let i = 0; i < f.length; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      f[i] = (x >>> 0) * k - this.scale;
    }
    blurSeparable(f, cols, rows, this.ku, this.kv, this.tmp);
    return f;
  }
}

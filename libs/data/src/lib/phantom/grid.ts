// Tissue coordinates: millimetres, u lateral and v in depth from the skin at rest. Every field
// that moves with the tissue (echogenicity, scatterers) lives on one such grid, larger than the
// field of view so that sliding, tilting, breathing and compression stay inside it.

export interface GridGeometry {
  cols: number;
  rows: number;
  /** Millimetres per cell, the same along u and v. */
  pitch: number;
  /** Tissue coordinates (mm) of cell (0, 0). */
  u0: number;
  v0: number;
}

/** A grid covering [uMin, uMax] x [vMin, vMax] mm at `pitch` mm per cell. */
export function gridCovering(uMin: number, uMax: number, vMin: number, vMax: number, pitch: number): GridGeometry {
  return {
    cols: Math.ceil((uMax - uMin) / pitch) + 2,
    rows: Math.ceil((vMax - vMin) / pitch) + 2,
    pitch,
    u0: uMin,
    v0: vMin,
  };
}

/** Bilinear sample of `data` at tissue position (u, v) mm, clamped to the grid. */
export function sampleGrid(g: GridGeometry, data: Float32Array, u: number, v: number): number {
  let gx = (u - g.u0) / g.pitch;
  let gy = (v - g.v0) / g.pitch;
  gx = gx < 0 ? 0 : gx > g.cols - 1.001 ? g.cols - 1.001 : gx;
  gy = gy < 0 ? 0 : gy > g.rows - 1.001 ? g.rows - 1.001 : gy;
  const i = gx | 0;
  const j = gy | 0;
  const fx = gx - i;
  const fy = gy - j;
  const k = j * g.cols + i;
  const a = data[k] + fx * (data[k + 1] - data[k]);
  const b = data[k + g.cols] + fx * (data[k + g.cols + 1] - data[k + g.cols]);
  return a + fy * (b - a);
}

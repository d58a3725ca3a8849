// Features as extractors return them: n rows of d values, row-major.

export interface FeatureMatrix {
  data: Float32Array | Float64Array;
  /** Rows (videos, frames or samples). */
  n: number;
  /** Feature dimension. */
  d: number;
}

export function checkFeatureMatrix(where: string, m: FeatureMatrix): void {
  if (!Number.isInteger(m.n) || !Number.isInteger(m.d) || m.n < 0 || m.d < 1) {
    throw new Error(`${where}: invalid feature matrix shape [${m.n}, ${m.d}]`);
  }
  if (m.data.length !== m.n * m.d) throw new Error(`${where}: ${m.data.length} values do not make [${m.n}, ${m.d}]`);
}

// Frechet distance between two Gaussians fitted to feature sets (FID, Heusel et al. 2017; FVD,
// Unterthiner et al. 2018): d^2 = |mu1 - mu2|^2 + Tr(S1 + S2 - 2 (S1 S2)^(1/2)).
// Tr (S1 S2)^(1/2) = Tr (sqrt(S1) S2 sqrt(S1))^(1/2), whose argument is symmetric PSD, so both
// roots come from symmetric eigendecompositions in float64 (docs/method.md "Metrics as the references
// compute them"); tiny negative eigenvalues from rounding are clamped to 0, which keeps the
// distance finite when the covariances are singular (more dimensions than samples).
import { checkFeatureMatrix, type FeatureMatrix } from './feature-matrix';
import { symmetricEigen } from './symmetric-eigen';

export interface FeatureStatistics {
  mean: Float64Array;
  /** Unbiased (n - 1) covariance, row-major d x d. */
  cov: Float64Array;
  d: number;
}

/** Mean and unbiased covariance of n rows of d features (n >= 2). */
export function featureStatistics(features: Float32Array | Float64Array, n: number, d: number): FeatureStatistics {
  checkFeatureMatrix('featureStatistics', { data: features, n, d });
  if (n < 2) throw new Error(`featureStatistics: an unbiased covariance needs at least 2 rows, got ${n}`);
  const mean = new Float64Array(d);
  for (let r = 0; r < n; r++) for (let j = 0; j < d; j++) mean[j] += features[r * d + j];
  for (let j = 0; j < d; j++) mean[j] /= n;
  const centred = new Float64Array(n * d);
  for (let r = 0; r < n; r++) for (let j = 0; j < d; j++) centred[r * d + j] = features[r * d + j] - mean[j];
  const cov = new Float64Array(d * d);
  for (let r = 0; r < n; r++) {
    const row = r * d;
    for (let i = 0; i < d; i++) {
      const ci = centred[row + i];
      if (ci === 0) continue;
      for (let j = i; j < d; j++) cov[i * d + j] += ci * centred[row + j];
    }
  }
  for (let i = 0; i < d; i++) {
    for (let j = i; j < d; j++) {
      const c = cov[i * d + j] / (n - 1);
      cov[i * d + j] = c;
      cov[j * d + i] = c;
    }
  }
  return { mean, cov, d };
}

function isStatistics(x: FeatureStatistics | FeatureMatrix): x is FeatureStatistics {
  return 'cov' in x;
}

function statisticsOf(x: FeatureStatistics | FeatureMatrix): FeatureStatistics {
  return isStatistics(x) ? x : featureStatistics(x.data, x.n, x.d);
}

/** C = A^T B A for symmetric B (d x d), A d x d, all row-major. */
function congruence(a: Float64Array, b: Float64Array, d: number): Float64Array {
  const ba = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let k = 0; k < d; k++) {
      const bik = b[i * d + k];
      if (bik === 0) continue;
      for (let j = 0; j < d; j++) ba[i * d + j] += bik * a[k * d + j];
    }
  }
  const out = new Float64Array(d * d);
  for (let k = 0; k < d; k++) {
    for (let i = 0; i < d; i++) {
      const aki = a[k * d + i];
      if (aki === 0) continue;
      for (let j = 0; j < d; j++) out[i * d + j] += aki * ba[k * d + j];
    }
  }
  return out;
}

/** Tr (sqrt(S1) S2 sqrt(S1))^(1/2). */
export function traceSqrtProduct(s1: Float64Array, s2: Float64Array, d: number): number {
  // sqrt(S1) = V L^(1/2) V^T, so sqrt(S1) S2 sqrt(S1) = V (L^(1/2) V^T S2 V L^(1/2)) V^T: the
  // bracket has the same eigenvalues and costs two matrix products.
  const { values, vectors } = symmetricEigen(s1, d);
  const rootL = values.map((l) => Math.sqrt(Math.max(l, 0)));
  const inner = congruence(vectors, s2, d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) inner[i * d + j] *= rootL[i] * rootL[j];
  for (let i = 0; i < d; i++) {
    for (let j = i + 1; j < d; j++) {
      const m = 0.5 * (inner[i * d + j] + inner[j * d + i]);
      inner[i * d + j] = m;
      inner[j * d + i] = m;
    }
  }
  return symmetricEigen(inner, d, { vectors: false }).values.reduce((sum, mu) => sum + Math.sqrt(Math.max(mu, 0)), 0);
}

/** Rows minus their column means, and the means. */
function centredRows(x: FeatureMatrix): { rows: Float64Array; mean: Float64Array } {
  const { data, n, d } = x;
  const mean = new Float64Array(d);
  for (let r = 0; r < n; r++) for (let j = 0; j < d; j++) mean[j] += data[r * d + j];
  for (let j = 0; j < d; j++) mean[j] /= n;
  const rows = new Float64Array(n * d);
  for (let r = 0; r < n; r++) for (let j = 0; j < d; j++) rows[r * d + j] = data[r * d + j] - mean[j];
  return { rows, mean };
}

/**
 * Tr (S1 S2)^(1/2) from centred rows A (n1 x d) and B (n2 x d), exact and cheap when n < d:
 * S1 S2 = A^T A B^T B / ((n1 - 1)(n2 - 1)) has the non-zero eigenvalues of M M^T with M = A B^T
 * (n1 x n2; eig(XY) = eig(YX) away from 0), so a min(n1, n2)-sized symmetric eigenproblem
 * replaces the d x d ones (1024-d DTFVD features from tens of videos: ~40 s -> well under 1 s).
 */
function traceSqrtProductFromRows(a: Float64Array, n1: number, b: Float64Array, n2: number, d: number): number {
  const m = new Float64Array(n1 * n2);
  for (let i = 0; i < n1; i++) {
    for (let j = 0; j < n2; j++) {
      let dot = 0;
      for (let k = 0; k < d; k++) dot += a[i * d + k] * b[j * d + k];
      m[i * n2 + j] = dot;
    }
  }
  // G = M M^T (n1 x n1) or M^T M (n2 x n2), whichever is smaller: the same non-zero eigenvalues.
  const [rows, cols, at] = n1 <= n2 ? [n1, n2, (r: number, c: number) => m[r * n2 + c]] : [n2, n1, (r: number, c: number) => m[c * n2 + r]];
  const g = new Float64Array(rows * rows);
  for (let i = 0; i < rows; i++) {
    for (let j = i; j < rows; j++) {
      let dot = 0;
      for (let k = 0; k < cols; k++) dot += at(i, k) * at(j, k);
      g[i * rows + j] = dot;
      g[j * rows + i] = dot;
    }
  }
  const sum = symmetricEigen(g, rows, { vectors: false }).values.reduce((acc, mu) => acc + Math.sqrt(Math.max(mu, 0)), 0);
  return sum / Math.sqrt((n1 - 1) * (n2 - 1));
}

/** Squared Frechet distance between two feature sets or their statistics. */
export function frechetDistance(a: FeatureStatistics | FeatureMatrix, b: FeatureStatistics | FeatureMatrix): number {
  if (!isStatistics(a) && !isStatistics(b) && Math.min(a.n, b.n) <= a.d) return frechetDistanceFromRows(a, b);
  const sa = statisticsOf(a);
  const sb = statisticsOf(b);
  if (sa.d !== sb.d) throw new Error(`frechetDistance: feature dimensions differ (${sa.d} vs ${sb.d})`);
  const d = sa.d;
  let meanTerm = 0;
  let traces = 0;
  for (let i = 0; i < d; i++) {
    meanTerm += (sa.mean[i] - sb.mean[i]) ** 2;
    traces += sa.cov[i * d + i] + sb.cov[i * d + i];
  }
  return meanTerm + traces - 2 * traceSqrtProduct(sa.cov, sb.cov, d);
}

/** The same distance from the feature rows, through the sample-space trace (fewer samples than dimensions). */
function frechetDistanceFromRows(a: FeatureMatrix, b: FeatureMatrix): number {
  checkFeatureMatrix('frechetDistance', a);
  checkFeatureMatrix('frechetDistance', b);
  if (a.d !== b.d) throw new Error(`frechetDistance: feature dimensions differ (${a.d} vs ${b.d})`);
  if (a.n < 2 || b.n < 2) throw new Error(`frechetDistance: an unbiased covariance needs at least 2 rows, got ${a.n} and ${b.n}`);
  const d = a.d;
  const ca = centredRows(a);
  const cb = centredRows(b);
  let meanTerm = 0;
  for (let j = 0; j < d; j++) meanTerm += (ca.mean[j] - cb.mean[j]) ** 2;
  // Tr S = sum of squared centred entries / (n - 1).
  const trace = (rows: Float64Array, n: number) => rows.reduce((acc, v) => acc + v * v, 0) / (n - 1);
  return meanTerm + trace(ca.rows, a.n) + trace(cb.rows, b.n) - 2 * traceSqrtProductFromRows(ca.rows, a.n, cb.rows, b.n, d);
}

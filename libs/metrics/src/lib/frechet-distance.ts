// Frechet distance between two Gaussians fitted to feature sets (FID, Heusel et al. 2017; FVD,
// Unterthiner et al. 2018): d^2 = |mu1 - mu2|^2 + Tr(S1 + S2 - 2 (S1 S2)^(1/2)).
// Tr (S1 S2)^(1/2) = Tr (sqrt(S1) S2 sqrt(S1))^(1/2), whose argument is symmetric PSD, so both
// roots come from symmetric eigendecompositions in float64 (METHOD.md "Metrics as the references
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

/** Squared Frechet distance between two feature sets or their statistics. */
export function frechetDistance(a: FeatureStatistics | FeatureMatrix, b: FeatureStatistics | FeatureMatrix): number {
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

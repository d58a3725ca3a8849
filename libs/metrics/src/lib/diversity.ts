// DIV (docs/method.md "Metrics as the references compute them"): for each test condition, the mean
// distance between the features of its S samples over all ordered pairs i != j, averaged over
// conditions. 'vgg-mse' is the cINN reference (mean squared difference of VGG16 features),
// 'vgg-cosine' is SAVP's (1 - cosine similarity). The distance is returned with the value.

export type DiversityDistance = 'vgg-mse' | 'vgg-cosine';

export interface DiversityInput {
  /** Row-major [conditions, samples, d]. */
  data: Float32Array | Float64Array;
  conditions: number;
  samples: number;
  d: number;
}

function pairDistance(data: ArrayLike<number>, i: number, j: number, d: number, distance: DiversityDistance): number {
  let dot = 0;
  let ii = 0;
  let jj = 0;
  let sq = 0;
  for (let k = 0; k < d; k++) {
    const a = data[i + k];
    const b = data[j + k];
    sq += (a - b) ** 2;
    dot += a * b;
    ii += a * a;
    jj += b * b;
  }
  if (distance === 'vgg-mse') return sq / d;
  const norm = Math.sqrt(ii * jj);
  // Two zero vectors are the same point; one zero vector has no direction and counts as orthogonal.
  return norm === 0 ? (ii === jj ? 0 : 1) : 1 - dot / norm;
}

export function diversity(input: DiversityInput, distance: DiversityDistance): { value: number; distance: DiversityDistance; perCondition: Float64Array } {
  const { data, conditions, samples, d } = input;
  if (data.length !== conditions * samples * d) {
    throw new Error(`diversity: ${data.length} values do not make [${conditions}, ${samples}, ${d}]`);
  }
  if (samples < 2) throw new Error(`diversity: needs at least 2 samples per condition, got ${samples}`);
  const perCondition = new Float64Array(conditions);
  for (let c = 0; c < conditions; c++) {
    let sum = 0;
    for (let i = 0; i < samples; i++) {
      for (let j = 0; j < samples; j++) {
        if (i !== j) sum += pairDistance(data, (c * samples + i) * d, (c * samples + j) * d, d, distance);
      }
    }
    perCondition[c] = sum / (samples * (samples - 1));
  }
  return { value: perCondition.reduce((a, b) => a + b, 0) / conditions, distance, perCondition };
}

// Test support: the one contract every flow block (and the whole flow) is held to, as diffusers'
// SchedulerCommonTest holds every scheduler: after a random non-zero perturbation of all its
// parameters, inverse(forward(x)) = x, and the analytic log|det| equals the log|det| of a
// central finite-difference Jacobian computed column by column in float32.
import { Rng, tf } from '@lddm/runtime';
import type { Module } from '@lddm/nn';
import { expect, it } from 'vitest';
import type { FlowBlock } from '../flow/flow-block';

/** Adds N(0, std^2) to every float parameter, so that zero-initialised layers stop being the identity. */
export function perturbParameters(module: Module, seed: number, std = 0.2): void {
  const rng = new Rng(seed);
  for (const [, v] of module.namedParameters()) {
    const noise = Float32Array.from({ length: v.size }, () => rng.normal(0, std));
    tf.tidy(() => v.assign(tf.add(v, tf.tensor(noise, v.shape))));
  }
}

export function randomMatrix(rows: number, cols: number, seed: number, std = 1): tf.Tensor2D {
  const rng = new Rng(seed);
  return tf.tensor2d(Float32Array.from({ length: rows * cols }, () => rng.normal(0, std)), [rows, cols]);
}

/** log|det A| of a square matrix by LU with partial pivoting, in float64. */
export function logAbsDet(a: number[][]): number {
  const m = a.map((row) => row.slice());
  const n = m.length;
  let logdet = 0;
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(m[i][k]) > Math.abs(m[p][k])) p = i;
    [m[k], m[p]] = [m[p], m[k]];
    const pivot = m[k][k];
    if (pivot === 0) return -Infinity;
    logdet += Math.log(Math.abs(pivot));
    for (let i = k + 1; i < n; i++) {
      const f = m[i][k] / pivot;
      for (let j = k; j < n; j++) m[i][j] -= f * m[k][j];
    }
  }
  return logdet;
}

/** Per sample b, log|det dy_b/dx_b| from central differences (y(x + eps e_j) - y(x - eps e_j)) / 2 eps. */
export function finiteDifferenceLogdet(block: FlowBlock, x: tf.Tensor2D, cond: tf.Tensor2D, eps = 1e-3): number[] {
  const [b, d] = x.shape;
  const xs = x.arraySync();
  const jacobians = Array.from({ length: b }, () => Array.from({ length: d }, () => new Array<number>(d).fill(0)));
  for (let j = 0; j < d; j++) {
    const shifted = (delta: number): number[][] =>
      tf.tidy(() => {
        const moved = xs.map((row) => row.map((v, k) => (k === j ? v + delta : v)));
        return block.forward(tf.tensor2d(moved, [b, d]), cond).y.arraySync();
      });
    const plus = shifted(eps);
    const minus = shifted(-eps);
    for (let s = 0; s < b; s++) for (let i = 0; i < d; i++) jacobians[s][i][j] = (plus[s][i] - minus[s][i]) / (2 * eps);
  }
  return jacobians.map(logAbsDet);
}

export interface FlowContractCase {
  /** A block with perturbed parameters, in eval mode, of input size `dim` and condition size `condDim`. */
  make: () => Module & FlowBlock;
  dim: number;
  condDim: number;
  /** Scale of the random inputs (default 1). */
  inputStd?: number;
  /** False for volume-preserving blocks, whose log-det is 0. */
  nonZeroLogdet?: boolean;
}

/** Registers the round-trip and log-det tests for one block. */
export function flowBlockContract(c: FlowContractCase): void {
  it('inverse(forward(x, c), c) = x to 1e-4, and forward(inverse(y, c), c) = y', () => {
    const block = c.make();
    const x = randomMatrix(8, c.dim, 11, c.inputStd ?? 1);
    const cond = randomMatrix(8, c.condDim, 12);
    const { y, logdet } = block.forward(x, cond);
    expect(y.shape).toEqual([8, c.dim]);
    expect(logdet.shape).toEqual([8]);
    // The map must do something, or the round trip proves nothing.
    expect(tf.max(tf.abs(tf.sub(y, x))).dataSync()[0]).toBeGreaterThan(1e-2);
    expect(tf.max(tf.abs(tf.sub(block.inverse(y, cond), x))).dataSync()[0]).toBeLessThan(1e-4);
    expect(tf.max(tf.abs(tf.sub(block.forward(block.inverse(x, cond), cond).y, x))).dataSync()[0]).toBeLessThan(1e-4);
    block.dispose();
  });

  it('log|det| equals that of a finite-difference Jacobian', () => {
    const block = c.make();
    const x = randomMatrix(4, c.dim, 21, c.inputStd ?? 1);
    const cond = randomMatrix(4, c.condDim, 22);
    const analytic = Array.from(block.forward(x, cond).logdet.dataSync());
    const numeric = finiteDifferenceLogdet(block, x, cond);
    analytic.forEach((a, i) => expect(a).toBeCloseTo(numeric[i], 2));
    if (c.nonZeroLogdet ?? true) expect(Math.max(...analytic.map(Math.abs))).toBeGreaterThan(0.05);
    block.dispose();
  });
}

// Seeded, reproducible randomness in plain JavaScript, so that a seed gives the same numbers on
// every backend and machine. Streams are named rather than consumed in order: `child('init')`
// depends only on the parent's seed and the name, so adding a draw somewhere never shifts the
// numbers drawn elsewhere.
import { createHash } from 'node:crypto';

const TWO_POW_32 = 2 ** 32;

/**
 * A uint32 seed from a seed and a component path, e.g. deriveSeed(run, 'data', 'fold-3').
 * SHA-256 makes seeds for different paths independent, and ('a', 'bc') differ from ('ab', 'c').
 */
export function deriveSeed(seed: number, ...path: string[]): number {
  assertSeed(seed, 'deriveSeed');
  return createHash('sha256').update(JSON.stringify([seed, ...path])).digest().readUInt32LE(0);
}

/** xoshiro128** (Blackman & Vigna, 2018), its 128-bit state filled by splitmix32. */
export class Rng {
  readonly seed: number;
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  /** Box-Muller makes normals in pairs; the second waits here. */
  private spareNormal: number | undefined;

  constructor(seed: number) {
    assertSeed(seed, 'Rng');
    this.seed = seed;
    // Fold seeds beyond 32 bits in, so that seed and seed + 2^32 differ.
    const high = Math.floor(seed / TWO_POW_32) >>> 0;
    let state = (seed >>> 0) ^ Math.imul(high, 0x9e3779b1);
    const splitmix32 = (): number => {
      state = (state + 0x9e3779b9) | 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = splitmix32();
    this.s1 = splitmix32();
    this.s2 = splitmix32();
    this.s3 = splitmix32();
    // The all-zero state is the generator's one fixed point.
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** A uniform uint32. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform in [0, 1), 32 bits of resolution (finer than float32 weights need). */
  next(): number {
    return this.nextUint32() / TWO_POW_32;
  }

  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Uniform integer in [0, n), without modulo bias. */
  int(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > TWO_POW_32) {
      throw new Error(`Rng.int(n): n must be an integer in [1, 2^32], got ${n}`);
    }
    // Reject the top partial block of uint32 values so that every residue is equally likely.
    const limit = TWO_POW_32 - (TWO_POW_32 % n);
    for (;;) {
      const x = this.nextUint32();
      if (x < limit) return x % n;
    }
  }

  /** Normal(mean, std^2) by the Box-Muller transform. */
  normal(mean = 0, std = 1): number {
    let z = this.spareNormal;
    if (z === undefined) {
      const u1 = 1 - this.next(); // (0, 1]: log(u1) is finite
      const u2 = this.next();
      const r = Math.sqrt(-2 * Math.log(u1));
      z = r * Math.cos(2 * Math.PI * u2);
      this.spareNormal = r * Math.sin(2 * Math.PI * u2);
    } else {
      this.spareNormal = undefined;
    }
    return mean + std * z;
  }

  /** A shuffled copy (Fisher-Yates); the input is left as it was. */
  shuffle<T>(array: readonly T[]): T[] {
    const out = array.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }

  /** A uniformly chosen element. */
  choice<T>(array: readonly T[]): T {
    if (array.length === 0) throw new Error('Rng.choice: the array is empty');
    return array[this.int(array.length)];
  }

  /** An independent generator named `name`, determined by this generator's seed alone. */
  child(name: string): Rng {
    return new Rng(deriveSeed(this.seed, name));
  }

  /** An integer seed for tf.random* ops (which hash it with their own generator). */
  tensorSeed(): number {
    return this.nextUint32();
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

function assertSeed(seed: number, where: string): void {
  if (!Number.isSafeInteger(seed)) throw new Error(`${where}: seed must be a safe integer, got ${seed}`);
}

// The inner block of a transpose whose innermost axis moves (src/lib/wasm/transpose.ts holds the
// kernel): y[outBase + b * outStrideB + a] = x[inBase + a * inStrideA + b], element offsets of
// 4-byte elements. Square tiles keep reads and writes in cache; inside a tile, 4 x 4 blocks are
// transposed in registers with shuffles (four 16-byte loads, four 16-byte stores).

const TILE: i32 = 32;

export function transposeBlock(x: usize, y: usize, inBase: i32, outBase: i32, sizeA: i32, sizeB: i32, inStrideA: i32, outStrideB: i32): void {
  for (let a0 = 0; a0 < sizeA; a0 += TILE) {
    const a1 = min(sizeA, a0 + TILE);
    for (let b0 = 0; b0 < sizeB; b0 += TILE) {
      const b1 = min(sizeB, b0 + TILE);
      let a = a0;
      for (; a + 4 <= a1; a += 4) {
        let b = b0;
        for (; b + 4 <= b1; b += 4) {
          const i = inBase + a * inStrideA + b;
          const v0 = v128.load(x + (<usize>i << 2));
          const v1 = v128.load(x + (<usize>(i + inStrideA) << 2));
          const v2 = v128.load(x + (<usize>(i + 2 * inStrideA) << 2));
          const v3 = v128.load(x + (<usize>(i + 3 * inStrideA) << 2));
          const t0 = i32x4.shuffle(v0, v1, 0, 4, 1, 5);
          const t1 = i32x4.shuffle(v0, v1, 2, 6, 3, 7);
          const t2 = i32x4.shuffle(v2, v3, 0, 4, 1, 5);
          const t3 = i32x4.shuffle(v2, v3, 2, 6, 3, 7);
          const o = outBase + b * outStrideB + a;
          v128.store(y + (<usize>o << 2), i32x4.shuffle(t0, t2, 0, 1, 4, 5));
          v128.store(y + (<usize>(o + outStrideB) << 2), i32x4.shuffle(t0, t2, 2, 3, 6, 7));
          v128.store(y + (<usize>(o + 2 * outStrideB) << 2), i32x4.shuffle(t1, t3, 0, 1, 4, 5));
          v128.store(y + (<usize>(o + 3 * outStrideB) << 2), i32x4.shuffle(t1, t3, 2, 3, 6, 7));
        }
        for (; b < b1; b++) {
          for (let k = 0; k < 4; k++) copy(x, y, inBase + (a + k) * inStrideA + b, outBase + b * outStrideB + a + k);
        }
      }
      for (; a < a1; a++) {
        for (let b = b0; b < b1; b++) copy(x, y, inBase + a * inStrideA + b, outBase + b * outStrideB + a);
      }
    }
  }
}

@inline
function copy(x: usize, y: usize, from: i32, to: i32): void {
  store<u32>(y + (<usize>to << 2), load<u32>(x + (<usize>from << 2)));
}

// Gradient of nearest-neighbour resizing on NHWC data (src/lib/wasm/resize-nearest-neighbor-grad.ts
// holds the kernel and the maps): every output position's upstream gradient is added to the input
// position it was copied from, rowMap[y] / colMap[x] (int32), four channels per vector.

export function resizeNearestGrad(dy: usize, dx: usize, batch: i32, inH: i32, inW: i32, outH: i32, outW: i32, c: i32, rowMap: usize, colMap: usize): void {
  memory.fill(dx, 0, (<usize>batch * inH * inW * c) << 2);
  const c4 = c & ~3;
  const row = <usize>c << 2;
  let src = dy;
  for (let n = 0; n < batch; n++) {
    for (let y = 0; y < outH; y++) {
      const sy = load<i32>(rowMap + (<usize>y << 2));
      const dstRow = dx + (<usize>((n * inH + sy) * inW) * row);
      for (let x = 0; x < outW; x++, src += row) {
        const dst = dstRow + <usize>load<i32>(colMap + (<usize>x << 2)) * row;
        let ch = 0;
        for (; ch < c4; ch += 4) {
          const k = <usize>ch << 2;
          v128.store(dst + k, f32x4.add(v128.load(dst + k), v128.load(src + k)));
        }
        for (; ch < c; ch++) {
          const k = <usize>ch << 2;
          store<f32>(dst + k, load<f32>(dst + k) + load<f32>(src + k));
        }
      }
    }
  }
}

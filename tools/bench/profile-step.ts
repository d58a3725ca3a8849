// Where the time of one C3D-like training step goes, per kernel (not part of the benchmark
// table): `npx tsx tools/bench/profile-step.ts [cpu|wasm-stock|wasm] [batch]`.
import { tf } from '@lddm/runtime';
import { c3dStep } from './c3d';
import { isBenchBackend, setupBackend } from './setup-backend';

async function main(): Promise<void> {
  const backend = process.argv[2] ?? 'wasm';
  const batch = Number(process.argv[3] ?? 8);
  if (!isBenchBackend(backend)) throw new Error(`unknown backend ${backend}`);
  await setupBackend(backend);
  const step = c3dStep({ batch, frames: 16, size: 64, widths: [16, 32, 64, 128], classes: 10 });
  step.run();
  const start = performance.now();
  const info = await tf.profile(() => step.run());
  const total = performance.now() - start;
  const byKernel = new Map<string, { ms: number; calls: number }>();
  for (const k of info.kernels) {
    const ms = typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
    const shapes = k.inputShapes.map((s) => `[${s}]`).join(' ');
    for (const key of [k.name, `  ${k.name} ${shapes}`]) {
      const e = byKernel.get(key) ?? { ms: 0, calls: 0 };
      e.ms += ms;
      e.calls++;
      byKernel.set(key, e);
    }
  }
  console.log(`step ${total.toFixed(0)} ms (profiled), kernels ${info.kernels.length}`);
  const rows = [...byKernel.entries()].filter(([k]) => !k.startsWith(' ')).sort((a, b) => b[1].ms - a[1].ms);
  for (const [name, e] of rows.slice(0, 25)) {
    console.log(`${name.padEnd(26)} ${e.ms.toFixed(1).padStart(8)} ms ${String(e.calls).padStart(5)} calls`);
    const detail = [...byKernel.entries()].filter(([k]) => k.startsWith(`  ${name} `)).sort((a, b) => b[1].ms - a[1].ms);
    for (const [k, d] of detail.slice(0, 4)) console.log(`   ${d.ms.toFixed(1).padStart(8)} ms ${String(d.calls).padStart(3)}x ${k.trim().slice(name.length + 1)}`);
  }
  step.dispose();
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});

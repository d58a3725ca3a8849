import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SIMD_WASM } from './simd';

/** The ids of a wasm binary's sections, in order (binary format: magic, version, then id + LEB128 size). */
function sectionIds(bytes: Uint8Array): number[] {
  const ids: number[] = [];
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at++];
    let size = 0;
    for (let shift = 0; ; shift += 7) {
      const b = bytes[at++];
      size |= (b & 0x7f) << shift;
      if ((b & 0x80) === 0) break;
    }
    ids.push(id);
    at += size;
  }
  return ids;
}

describe('SIMD kernel module (libs/runtime/assembly)', () => {
  const committed = new Uint8Array(readFileSync(SIMD_WASM));

  it('is exactly what its source compiles to (rebuild with `npm run build:simd`)', async () => {
    const { default: asc } = await import('assemblyscript/asc');
    const outputs = new Map<string, Uint8Array | string>();
    const { error, stderr } = await asc.main(['--config', join(dirname(SIMD_WASM), 'asconfig.json')], {
      writeFile: (name: string, contents: Uint8Array | string) => {
        outputs.set(name, contents);
      },
    });
    expect(error, String(stderr)).toBeNull();
    const built = [...outputs.entries()].find(([name]) => name.endsWith('kernels.wasm'))?.[1];
    expect([...outputs.keys()]).toHaveLength(1);
    expect(built).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(built as Uint8Array).equals(Buffer.from(committed)), 'libs/runtime/assembly/kernels.wasm is stale: run `npm run build:simd`').toBe(true);
  });

  it('brings no memory or data of its own, so it cannot overwrite the tfjs heap it imports', () => {
    const wasm = (globalThis as unknown as { WebAssembly: { Module: { new (b: Uint8Array): object; imports(m: object): { module: string; name: string; kind: string }[] } } }).WebAssembly;
    const module = new wasm.Module(committed);
    expect(wasm.Module.imports(module)).toEqual([{ module: 'env', name: 'memory', kind: 'memory' }]);
    const ids = sectionIds(committed);
    expect(ids).not.toContain(11); // data
    expect(ids).not.toContain(5); // memory (defined, not imported)
    expect(ids).toContain(10); // code
  });
});

// Converts public PyTorch checkpoints (saved as safetensors, see README.md) into the layout
// @lddm/metrics loads: npx tsx tools/weights/convert-torch.ts --target i3d --out i3d.safetensors rgb_imagenet.safetensors
import { parseArgs } from 'node:util';
import { initBackend } from '@lddm/runtime';
import { convertTorchCheckpoint, type ConversionTarget } from '@lddm/metrics';

const TARGETS: readonly ConversionTarget[] = ['i3d', 'vgg16', 'lpips-vgg16'];
const USAGE = `usage: convert-torch --target <${TARGETS.join('|')}> --out <file.safetensors> <input.safetensors>...`;

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: { target: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean' } },
    allowPositionals: true,
  });
  if (values.help === true) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const target = values.target as ConversionTarget | undefined;
  if (target === undefined || !TARGETS.includes(target) || values.out === undefined || positionals.length === 0) {
    throw new Error(USAGE);
  }
  await initBackend('cpu');
  const result = await convertTorchCheckpoint(positionals, target, values.out);
  process.stdout.write(
    `${result.path}: ${result.converted.length} tensors, ${result.bytes} bytes, sha256 ${result.sha256}` +
      (result.dropped.length > 0 ? `\n  dropped (unused by ${target}): ${result.dropped.join(', ')}` : '') +
      '\n',
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`convert-torch: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});

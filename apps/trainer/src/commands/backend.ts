// trainer backend: which tensor backend this machine gets, and why.
import { commonArgs, defineCommand, withOptions } from '@lddm/cli-kit';
// Type-only at the top: tfjs loads when the command runs, not for --help.
import type { BackendInfo } from '@lddm/runtime';
import { z } from 'zod';

/** `native` is describeNative(info) (passed in, so this module needs no tfjs to load). */
export function formatBackendInfo(info: BackendInfo, native: string): string {
  const lines = [
    `backend    ${info.name} (${info.packageName} ${info.version})`,
    `requested  ${info.requested}`,
    `threads    ${info.threads}`,
    `replacement kernels (${info.replacementKernels.length})${info.replacementKernels.length ? `: ${info.replacementKernels.join(', ')}` : ''}`,
    ...(info.native ? [`native     ${native}${info.native.kernels.length ? `; native kernels: ${info.native.kernels.join(', ')}` : ''}`] : []),
    'tried:',
    ...info.tried.map((t) => `  ${t.ok ? 'ok  ' : 'no  '} ${t.name.padEnd(10)} ${t.packageName}${t.reason ? `: ${t.reason}` : ''}`),
  ];
  return lines.join('\n');
}

export const backendCommand = defineCommand({
  command: 'backend',
  describe: 'initialise the tensor backend and print what was chosen (and what was tried)',
  options: (y) => withOptions(y, 'backend', 'json'),
  schema: z.object({ backend: commonArgs.backend, json: commonArgs.json }),
  handler: async (args, ctx) => {
    const { backendInfo, describeNative, initBackend, parseBackendChoice } = await import('@lddm/runtime');
    await initBackend(parseBackendChoice(args.backend));
    const info = backendInfo();
    ctx.print(args.json ? JSON.stringify(info, null, 2) : formatBackendInfo(info, describeNative(info)));
  },
});

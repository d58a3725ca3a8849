// Where the decoder upsamples. The reference (docs/method.md "Stage 1") runs six GeneratorBlocks from
// (1, 4, 4) to (16, 128, 128): no upsampling before the first block, then nearest x2 per axis
// before each following block while that axis is short of its target:
//   (1,4,4) -> (2,8,8) -> (4,16,16) -> (8,32,32) -> (16,64,64) -> (16,128,128).
// General rule: every block after the first is one upsampling slot; each axis needs k = log2(target
// / start) doublings (the ratio must be a power of two) and spends ceil(remaining / slots left) of
// them in each slot, front-loaded. With at least as many slots as doublings this is the reference's
// x2-while-short; with fewer (e.g. the smoke profile: 4 blocks, T 1 -> 16 = 4 doublings in 3 slots)
// some slots upsample by 4 or more (T: x4, x2, x2), which is our generalisation.
export type Size3 = readonly [number, number, number];

export interface BlockStep {
  /** Nearest upsampling factors [t, h, w] applied before the block. */
  upsample: [number, number, number];
  /** The block's feature size [T, H, W] after upsampling. */
  size: [number, number, number];
}

const AXES = ['frames', 'height', 'width'] as const;

/** log2(target / start) for one axis, or an explanation of why no schedule exists. */
function doublings(axis: string, start: number, target: number): number | string {
  const ratio = target / start;
  const k = Math.round(Math.log2(ratio));
  if (!Number.isInteger(ratio) || ratio < 1 || 2 ** k !== ratio) {
    return `${axis}: cannot reach ${target} from ${start} by nearest x2 upsampling (the ratio must be a power of two >= 1)`;
  }
  return k;
}

/** The per-block schedule from `start` to `target` over `blocks` blocks; throws when impossible. */
export function upsamplingSchedule(start: Size3, target: Size3, blocks: number): BlockStep[] {
  if (!Number.isInteger(blocks) || blocks < 1) throw new Error(`upsamplingSchedule: need at least one block, got ${blocks}`);
  const needed = AXES.map((axis, i) => doublings(axis, start[i] ?? 0, target[i] ?? 0));
  const problems = needed.filter((k): k is string => typeof k === 'string');
  if (problems.length > 0) throw new Error(`upsamplingSchedule: ${problems.join('; ')}`);
  const remaining = needed as number[];
  if (blocks === 1 && remaining.some((k) => k > 0)) {
    throw new Error(`upsamplingSchedule: one block cannot upsample (${start.join('x')} -> ${target.join('x')}); the first block runs at the start size`);
  }
  const size: [number, number, number] = [start[0], start[1], start[2]];
  const steps: BlockStep[] = [{ upsample: [1, 1, 1], size: [...size] }];
  for (let b = 1; b < blocks; b++) {
    const slotsLeft = blocks - b;
    const factors = remaining.map((k, i) => {
      const spend = Math.ceil(k / slotsLeft);
      remaining[i] = k - spend;
      size[i] = (size[i] ?? 1) * 2 ** spend;
      return 2 ** spend;
    });
    steps.push({ upsample: [factors[0] ?? 1, factors[1] ?? 1, factors[2] ?? 1], size: [...size] });
  }
  return steps;
}

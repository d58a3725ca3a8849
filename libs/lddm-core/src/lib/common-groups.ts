// GroupNorm groups that follow from the widths a profile states, so that no profile needs a
// groups setting per network: the largest divisor of every width up to a cap.
const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** The largest g <= cap dividing every width. */
export function commonGroups(widths: readonly number[], cap: number): number {
  const g = widths.reduce(gcd, 0);
  for (let k = Math.min(cap, g); k > 1; k--) if (g % k === 0) return k;
  return 1;
}

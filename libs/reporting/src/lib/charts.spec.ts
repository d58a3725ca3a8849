import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { CHART_FONT_FAMILY, f1ByRatioChart } from './charts';

describe('charts', () => {
  it('draw their text in the font shipped with npm (dejavu-fonts-ttf), so PNG bytes do not depend on the system fonts', () => {
    const chart = f1ByRatioChart('c3d', []);
    expect(chart.png.subarray(1, 4).toString()).toBe('PNG');
    const { GlobalFonts } = createRequire(import.meta.url)('canvas') as typeof import('canvas');
    expect(GlobalFonts.has(CHART_FONT_FAMILY)).toBe(true);
    // Same input, same bytes within a process (the cross-machine half is what the font buys).
    expect(f1ByRatioChart('c3d', []).png.equals(chart.png)).toBe(true);
  });
});

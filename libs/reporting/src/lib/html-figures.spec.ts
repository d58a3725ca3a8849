import { describe, expect, it } from 'vitest';
import { synthesisStatsHtml } from './html-figures';

describe('synthesisStatsHtml', () => {
  it('shows motion, first-frame L1 and the sampled latents, and flags latents far from training', () => {
    const ok = synthesisStatsHtml({ motion: 0.0304, real_motion: 0.0561, x0_l1: 0.1561, latent_std: 1.12, latent_mean_abs: 0.32, latent_outside_4sd: 0 });
    expect(ok).toContain('motion 0.030 (real 0.056)');
    expect(ok).toContain('first-frame L1 to x0 0.156');
    expect(ok).toContain('std 1.12, |mean| 0.32, 0.0% beyond 4 sd');
    expect(ok).not.toContain('warning');
    const far = synthesisStatsHtml({ motion: 0.0887, latent_std: 7.72, latent_mean_abs: 3.13, latent_outside_4sd: 0.457 });
    expect(far).toContain('class="synthesis-stats warning"');
    expect(far).toContain('45.7% beyond 4 sd');
    expect(far).toMatch(/far from the training latents/);
    expect(synthesisStatsHtml({})).toBe('');
  });
});

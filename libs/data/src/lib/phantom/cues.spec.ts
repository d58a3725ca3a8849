import { Rng } from '@lddm/runtime';
import { describe, expect, it } from 'vitest';
import { cueSeparation, type LesionClass } from './cues';
import type { Pose } from './motion';
import { renderFrame } from './render';
import { buildScene } from './scene';
import { maskShape, mean } from './spec-helpers';

// Class cues measured on rendered frames and masks, as a classifier would see them.
const N = 24;
const SIZE = 96;
const still = (strain: number): Pose => ({ slide: 0, tilt: 0, breath: 0, strain, elevation: 0 });

interface Measured {
  aspect: number;
  irregularity: number;
  posterior: number;
  strain: number;
}

function measure(seed: number, cls: LesionClass, difficulty: number): Measured {
  const scene = buildScene(new Rng(seed), { kind: 'video', size: SIZE, cls, difficulty });
  const rest = renderFrame(scene, still(0));
  const pressed = renderFrame(scene, still(0.12));
  const s0 = maskShape(rest.mask, SIZE);
  const s1 = maskShape(pressed.mask, SIZE);
  // Posterior: mean gray in a band below the lesion over the mean gray of the same rows beside it.
  const [x, y, w, h] = rest.bbox!;
  const z0 = y + h + 1;
  const z1 = Math.min(SIZE, z0 + Math.max(4, Math.round(0.8 * h)));
  let below = 0, nb = 0, side = 0, ns = 0;
  for (let z = z0; z < z1; z++) {
    for (let c = 0; c < SIZE; c++) {
      const p = rest.pixels[z * SIZE + c];
      if (c >= x + w / 4 && c < x + (3 * w) / 4) {
        below += p;
        nb++;
      } else if (c < x - 2 || c > x + w + 2) {
        side += p;
        ns++;
      }
    }
  }
  return {
    aspect: s0.sdZ / s0.sdX,
    irregularity: s0.perimeter ** 2 / (4 * Math.PI * s0.area),
    posterior: below / nb / (side / ns),
    strain: 1 - s1.sdZ / s0.sdZ,
  };
}

function gaps(difficulty: number): Record<keyof Measured, number> {
  // Different seeds per class: with equal seeds and difficulty 1 the two would be identical.
  const per = (cls: LesionClass): Measured[] =>
    Array.from({ length: N }, (_, i) => measure((cls === 'benign' ? 1000 : 2000) + i, cls, difficulty));
  const b = per('benign');
  const m = per('malignant');
  const gap = (k: keyof Measured): number => mean(m.map((r) => r[k])) - mean(b.map((r) => r[k]));
  return { aspect: gap('aspect'), irregularity: gap('irregularity'), posterior: gap('posterior'), strain: gap('strain') };
}

describe('class cues', () => {
  const easy = gaps(0);
  const hard = gaps(1);
  if (process.env.PHANTOM_PRINT_CUES) console.log({ easy, hard, default: gaps(0.5) });

  it('at difficulty 0 malignant lesions are taller, more irregular, shadowed and stiffer', () => {
    expect(easy.aspect).toBeGreaterThan(0.4);
    expect(easy.irregularity).toBeGreaterThan(0.3);
    expect(easy.posterior).toBeLessThan(-0.2);
    expect(easy.strain).toBeLessThan(-0.04); // benign strain exceeds malignant
  });

  it('at difficulty 1 every gap shrinks to a fraction', () => {
    for (const k of ['aspect', 'irregularity', 'posterior', 'strain'] as const) {
      expect(Math.abs(hard[k])).toBeLessThan(0.35 * Math.abs(easy[k]));
    }
  });

  it('separation falls from 3.2 sd to 0 as difficulty goes 0 -> 1', () => {
    expect(cueSeparation(0)).toBeCloseTo(3.2);
    expect(cueSeparation(0.5)).toBeCloseTo(0.8);
    expect(cueSeparation(1)).toBe(0);
  });
});

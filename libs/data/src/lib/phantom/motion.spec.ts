import { Rng } from '@lddm/runtime';
import { describe, expect, it } from 'vitest';
import { decorrelationStep, poseAt, type Pose } from './motion';
import { renderFrame } from './render';
import { buildScene } from './scene';
import { speckleCorrelation } from './spec-helpers';

const SIZE = 64;

describe('motion', () => {
  it('consecutive frames differ yet stay correlated; unrelated frames do not correlate', () => {
    const scene = buildScene(new Rng(5), { kind: 'video', size: SIZE, cls: 'benign', difficulty: 0.5 });
    const other = buildScene(new Rng(6), { kind: 'video', size: SIZE, cls: 'benign', difficulty: 0.5 });
    const frames: Uint8Array[] = [];
    for (let f = 0; f < 12; f++) {
      frames.push(renderFrame(scene, poseAt(scene.motion, f)).pixels);
      scene.speckle.advance(decorrelationStep(scene.motion, f, 5));
    }
    const unrelated = renderFrame(other, poseAt(other.motion, 0)).pixels;
    const consecutive: number[] = [];
    for (let f = 0; f + 1 < frames.length; f++) {
      let mad = 0;
      for (let i = 0; i < SIZE * SIZE; i++) mad += Math.abs(frames[f][i] - frames[f + 1][i]);
      expect(mad / (SIZE * SIZE)).toBeGreaterThan(0.5);
      consecutive.push(speckleCorrelation(frames[f], frames[f + 1], SIZE));
    }
    const away = Math.abs(speckleCorrelation(frames[0], unrelated, SIZE));
    expect(Math.min(...consecutive)).toBeGreaterThan(0.5);
    expect(away).toBeLessThan(0.15);
  });

  it('speckle moves with the tissue: a slide of k pixels shifts the frame by k columns', () => {
    const scene = buildScene(new Rng(8), { kind: 'video', size: SIZE, cls: 'normal', difficulty: 0.5 });
    const base: Pose = { slide: 0, tilt: 0, breath: 0, strain: 0, elevation: 0 };
    const k = 4;
    const a = renderFrame(scene, base).pixels;
    const b = renderFrame(scene, { ...base, slide: k * scene.dx }).pixels;
    // b sees at column x the tissue that a saw at column x + k: compare the overlapping part.
    const w = SIZE - k;
    const crop = (f: Uint8Array, off: number): Uint8Array => {
      const out = new Uint8Array(w * w);
      for (let z = 0; z < w; z++) for (let x = 0; x < w; x++) out[z * w + x] = f[z * SIZE + x + off];
      return out;
    };
    expect(speckleCorrelation(crop(a, k), crop(b, 0), w)).toBeGreaterThan(0.85);
    expect(speckleCorrelation(crop(a, 0), crop(b, 0), w)).toBeLessThan(0.4);
  });
});

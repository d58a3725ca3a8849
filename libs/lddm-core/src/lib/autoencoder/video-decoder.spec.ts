import { initBackend, Rng, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { upsamplingSchedule } from './upsampling-schedule';
import { clip as clipOf, paperStage1, smokeStage1 } from '../testing/profile-sections';
import type { DecoderLatent } from './adain';
import { VideoDecoder, type DecoderSettings, type VideoDecoderConfig } from './video-decoder';
import type { ClipSpec } from './video-encoder-3d';

beforeAll(async () => {
  await initBackend('wasm');
});

interface Setup {
  stage1: DecoderSettings;
  latent: DecoderLatent;
  clip: ClipSpec;
}

/** The smoke profile's decoder: 32 px, 16 frames, nf 4, [4, 4, 2, 1]. */
const SMOKE: Setup = { stage1: smokeStage1(), latent: { kind: 'vector', zDim: 16 }, clip: clipOf(16, 32) };
/** The paper profile's decoder at 128 px (docs/method.md): nf 32, [16, 16, 8, 4, 2, 1], SPADE 128. */
const PAPER: Setup = { stage1: paperStage1(), latent: { kind: 'vector', zDim: 64 }, clip: clipOf(16, 128) };
/** Tiny, with a spatio-temporal latent [2, 2, 2, 2]. */
const TINY_ST: Setup = {
  stage1: smokeStage1({ encoder: { groups: 2 }, decoder: { nf: 2, channelMults: [4, 2, 1], spadeHidden: 3 } }),
  latent: { kind: 'spatiotemporal', channels: 2, shape: [2, 2, 2] },
  clip: clipOf(4, 8),
};

const build = (seed: number, s: Setup): VideoDecoder => new VideoDecoder(new Rng(seed), s.stage1, s.latent, s.clip);

/** Parameter count from the layer shapes alone (SpectralNorm adds buffers, not parameters). */
function expectedParameters(c: VideoDecoderConfig): number {
  const widths = c.channelMults.map((m) => m * c.nf);
  const img = c.outChannels;
  const style = (cout: number): number => (c.latent.kind === 'vector' ? c.latent.zDim : c.latent.channels) * 2 * cout + 2 * cout;
  let n = c.latent.kind === 'vector' ? c.latent.zDim * 16 * (widths[0] ?? 0) + 16 * (widths[0] ?? 0) : 27 * c.latent.channels * (widths[0] ?? 0) + (widths[0] ?? 0);
  widths.forEach((cout, i) => {
    const cin = widths[Math.max(i - 1, 0)] ?? 0;
    n += 9 * img * c.spadeHidden + c.spadeHidden + 2 * (9 * c.spadeHidden * cin + cin); // SPADE
    n += 27 * cin * cout + cout + style(cout) + 27 * cout * cout + cout; // conv0, AdaIN, conv1
    if (cin !== cout) n += 2 * cin + cin * cout; // GN + 1x1x1 conv shortcut
  });
  return n + 27 * (widths.at(-1) ?? 0) * img + img;
}

const frame = (b: number, h: number, w: number): tf.Tensor4D => tf.randomUniform<tf.Rank.R4>([b, h, w, 1], -1, 1, 'float32', 7);

describe('VideoDecoder', () => {
  it('decodes the smoke config to [B, 16, 32, 32, 1] in (-1, 1), with the parameter count of its layers', () => {
    const dec = build(1, SMOKE);
    expect(dec.schedule.map((s) => s.size)).toEqual([
      [1, 4, 4],
      [4, 8, 8],
      [8, 16, 16],
      [16, 32, 32],
    ]);
    const y = dec.decode(tf.randomNormal([2, 16], 0, 1, 'float32', 1), frame(2, 32, 32));
    expect(y.shape).toEqual([2, 16, 32, 32, 1]);
    expect(tf.max(tf.abs(y)).dataSync()[0]).toBeLessThan(1);
    expect(tf.moments(y).variance.dataSync()[0]).toBeGreaterThan(0);
    expect(dec.parameterCount()).toBe(expectedParameters(dec.config));
  });

  // The paper's 128 px decoder built and run once (batch 1; ~16 s on wasm here, the slowest test
  // of this lib), so the shapes at the paper's size come from the network, not from a formula.
  it("decodes the paper's 128 px config: six blocks to [1, 16, 128, 128, 1] in (-1, 1)", () => {
    // The schedule itself (the reference's (1,4,4) -> ... -> (16,128,128)) is upsampling-schedule.spec's.
    const dec = build(4, PAPER);
    expect(dec.schedule.map((s) => s.size)).toEqual(upsamplingSchedule([1, 4, 4], [16, 128, 128], 6).map((s) => s.size));
    // About 40.9 M parameters, most in the 512-wide 3x3x3 convs of the first blocks.
    expect(dec.parameterCount()).toBe(expectedParameters(dec.config));
    expect(dec.parameterCount()).toBeGreaterThan(40e6);
    const y = tf.tidy(() => dec.decode(tf.randomNormal([1, 64], 0, 1, 'float32', 2), frame(1, 128, 128)));
    expect(y.shape).toEqual([1, 16, 128, 128, 1]);
    expect(tf.max(tf.abs(y)).dataSync()[0]).toBeLessThan(1);
    expect(Number.isFinite(tf.sum(y).dataSync()[0])).toBe(true);
    y.dispose();
    dec.dispose();
  });

  it('starts a spatio-temporal z from its own grid with a conv3d', () => {
    const dec = build(3, TINY_ST);
    expect(dec.schedule.map((s) => s.size)).toEqual([
      [2, 2, 2],
      [4, 4, 4],
      [4, 8, 8],
    ]);
    const y = dec.decode(tf.randomNormal([1, 2, 2, 2, 2], 0, 1, 'float32', 2), frame(1, 8, 8));
    expect(y.shape).toEqual([1, 4, 8, 8, 1]);
    expect(dec.parameterCount()).toBe(expectedParameters(dec.config));
    expect(() => dec.decode(tf.zeros([1, 2]), frame(1, 8, 8))).toThrow(/expected z/);
    expect(() => dec.decode(tf.zeros([1, 2, 2, 2, 2]), frame(1, 4, 4))).toThrow(/expected x0/);
  });

  it('sends a gradient to every parameter', () => {
    const dec = build(4, TINY_ST);
    const z = tf.randomNormal([1, 2, 2, 2, 2], 0, 1, 'float32', 3);
    const target = tf.randomUniform([1, 4, 8, 8, 1], -1, 1, 'float32', 4);
    const { grads } = tf.variableGrads(() => tf.mean(tf.square(tf.sub(dec.decode(z, frame(1, 8, 8)), target))), dec.parameters());
    for (const [name, v] of dec.namedParameters()) {
      const g = grads[v.name];
      expect(g, name).toBeDefined();
      expect(tf.max(tf.abs(g ?? tf.zeros([1]))).dataSync()[0], name).toBeGreaterThan(0);
    }
  });

  // That the groups divide every width is the profile's check (libs/config), made once there.
  it('rejects sizes no schedule reaches', () => {
    expect(() => build(1, { ...SMOKE, clip: clipOf(16, 48) })).toThrow(/cannot reach 48/);
    expect(() => build(1, { ...SMOKE, stage1: smokeStage1({ decoder: { channelMults: [1] } }) })).toThrow(/one block cannot upsample/);
  });
});

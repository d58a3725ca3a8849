import { initBackend, Rng, tf } from '@lddm/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { clip as clipOf, paperStage1, smokeStage1 } from '../testing/profile-sections';
import { encoderConfig, encoderShapes, latentShape, VideoEncoder3D, type ClipSpec, type EncoderSettings, type VideoEncoder3dConfig } from './video-encoder-3d';

beforeAll(async () => {
  await initBackend('wasm');
});

interface Setup {
  stage1: EncoderSettings;
  clip: ClipSpec;
}

/** The paper profile at 128 px: the reference's encoder as docs/method.md gives it. */
const PAPER_128: Setup = { stage1: paperStage1(), clip: clipOf(16, 128) };

/** Tiny (the smoke profile, smaller): final feature T' = 2, so the vector head's time fold is exercised. */
const TINY: Setup = {
  stage1: smokeStage1({ encoder: { stemKernel: [3, 7, 7], channels: [8, 8, 8, 16, 16], strideT: [1, 2, 1, 1], strideS: [1, 2, 2, 1], blocksPerStage: 2, groups: 4 }, latent: { kind: 'vector', zDim: 6 } }),
  clip: clipOf(8, 16),
};

const withEncoder = (s: Setup, encoder: Partial<EncoderSettings['encoder']>, latent: Partial<EncoderSettings['latent']> = {}): Setup => ({
  stage1: { encoder: { ...s.stage1.encoder, ...encoder }, latent: { ...s.stage1.latent, ...latent } },
  clip: s.clip,
});

const build = (seed: number, s: Setup): VideoEncoder3D => new VideoEncoder3D(new Rng(seed), s.stage1, s.clip);

const clip = (shape: [number, number, number, number, number], seed = 5): tf.Tensor5D =>
  tf.clipByValue(tf.randomNormal<tf.Rank.R5>(shape, 0, 0.5, 'float32', seed), -1, 1);

/**
 * The parameter count from the layer shapes alone, written apart from the model: stem conv (no
 * bias) + GN; per stage two BasicBlocks (two 3x3x3 convs without bias, two GNs) plus, in the first
 * block, a projection shortcut (k^3 conv + GN) when stride or channels change; two heads with bias.
 */
function expectedParameters(c: VideoEncoder3dConfig): number {
  const gn = (ch: number): number => 2 * ch;
  const [c0] = c.channels;
  let n = c.stemKernel[0] * c.stemKernel[1] * c.stemKernel[2] * c.inChannels * c0 + gn(c0);
  for (let i = 0; i < 4; i++) {
    const inC = c.channels[i] ?? 0;
    const outC = c.channels[i + 1] ?? 0;
    const strided = c.strideT[i] !== 1 || c.strideS[i] !== 1 || inC !== outC;
    n += 27 * inC * outC + gn(outC) + 27 * outC * outC + gn(outC);
    if (strided) n += c.shortcutKernel ** 3 * inC * outC + gn(outC);
    n += (c.blocksPerStage - 1) * 2 * (27 * outC * outC + gn(outC));
  }
  const [t, h, w] = encoderShapes(c)[4] ?? [0, 0, 0];
  const c4 = c.channels[4];
  const head = c.latent.kind === 'vector' ? h * w * t * c4 * c.latent.zDim + c.latent.zDim : c4 * c.latent.channels + c.latent.channels;
  return n + 2 * head;
}

describe('VideoEncoder3D config', () => {
  it('infers the reference shapes at 128 px: T1 x 4 x 4 x 512 -> mu [64]', () => {
    const c = encoderConfig(PAPER_128.stage1, PAPER_128.clip);
    expect(encoderShapes(c)).toEqual([
      [8, 64, 64],
      [8, 32, 32],
      [4, 16, 16],
      [2, 8, 8],
      [1, 4, 4],
    ]);
    expect(latentShape(c)).toEqual([64]);
    const st = withEncoder(PAPER_128, {}, { kind: 'spatiotemporal', channels: 8 });
    expect(latentShape(encoderConfig(st.stage1, st.clip))).toEqual([1, 4, 4, 8]);
  });

  it('reads the clip from the data section and pads the stem by kernel // 2, the reference\'s (1, 3, 3)', () => {
    const c = encoderConfig(PAPER_128.stage1, PAPER_128.clip);
    expect([c.frames, c.height, c.width, c.inChannels]).toEqual([16, 128, 128, 1]);
    expect(c.stemPadding).toEqual([1, 3, 3]);
    expect(encoderConfig(TINY.stage1, clipOf(8, 16, 3)).inChannels).toBe(3);
  });
});

describe('VideoEncoder3D at the paper 128 px config', () => {
  it('runs one forward [1, 16, 128, 128, 1] -> mu, logvar [1, 64] and counts its parameters', () => {
    const encoder = build(1, PAPER_128);
    const { mu, logvar } = encoder.encode(clip([1, 16, 128, 128, 1]));
    expect(mu.shape).toEqual([1, 64]);
    expect(logvar.shape).toEqual([1, 64]);
    expect(Number.isFinite(tf.sum(mu).dataSync()[0])).toBe(true);
    // The reference's 3x3x3 projection shortcuts: 38,779,712 (backbone 37.73M + two 4x4 heads 1.05M).
    expect(encoder.parameterCount()).toBe(expectedParameters(encoder.config));
    expect(encoder.parameterCount()).toBe(38_779_712);
    encoder.dispose();
  });

  it('with classic 1x1x1 shortcuts is within 5% of a 3D ResNet-18 (33.2M)', () => {
    const encoder = build(1, withEncoder(PAPER_128, { shortcutKernel: 1 }));
    expect(encoder.parameterCount()).toBe(expectedParameters(encoder.config));
    expect(Math.abs(encoder.parameterCount() / 33.2e6 - 1)).toBeLessThan(0.05);
    encoder.dispose();
  });
});

describe('VideoEncoder3D on small configs', () => {
  it('gives the spatio-temporal latent [B, T/r, H/r, W/r, c]', () => {
    const st = withEncoder(TINY, { strideT: [1, 2, 2, 1], strideS: [1, 2, 2, 1] }, { kind: 'spatiotemporal', channels: 4 });
    const encoder = build(2, { ...st, clip: clipOf(16, 32) });
    const { mu, logvar } = encoder.encode(clip([2, 16, 32, 32, 1]));
    // r = 4 in time (stem 2 x stage 2), 8 in space (stem 2 x 2 x 2).
    expect(mu.shape).toEqual([2, 2, 4, 4, 4]);
    expect(logvar.shape).toEqual([2, 2, 4, 4, 4]);
    expect(mu.shape.slice(1)).toEqual(latentShape(encoder.config));
    expect(encoder.parameterCount()).toBe(expectedParameters(encoder.config));
  });

  it('folds a final time axis T\' = 2 into the vector head', () => {
    const encoder = build(2, TINY);
    expect(encoderShapes(encoder.config)[4]).toEqual([2, 2, 2]);
    const { mu } = encoder.encode(clip([3, 8, 16, 16, 1]));
    expect(mu.shape).toEqual([3, 6]);
    expect(encoder.parameterCount()).toBe(expectedParameters(encoder.config));
  });

  it('builds blocksPerStage BasicBlocks per stage (the smaller profiles use 1)', () => {
    const one = build(2, withEncoder(TINY, { blocksPerStage: 1 }));
    const three = build(2, withEncoder(TINY, { blocksPerStage: 3 }));
    expect(one.namedChildren().find(([n]) => n === 'stage2')?.[1].namedChildren()).toHaveLength(1);
    expect(three.namedChildren().find(([n]) => n === 'stage2')?.[1].namedChildren()).toHaveLength(3);
    expect(one.parameterCount()).toBe(expectedParameters(one.config));
    expect(three.parameterCount()).toBe(expectedParameters(three.config));
    expect(one.encode(clip([1, 8, 16, 16, 1])).mu.shape).toEqual([1, 6]);
  });

  it('rejects an input that does not match the config, naming the encoder', () => {
    const encoder = build(2, TINY);
    expect(() => encoder.encode(clip([1, 4, 16, 16, 1]))).toThrow(/VideoEncoder3D: expected \[B, 8, 16, 16, 1\]/);
  });

  it('the same seed gives the same weights, another seed other weights', () => {
    const values = (seed: number): Array<[string, number[]]> =>
      build(seed, TINY).namedParameters().map(([n, v]) => [n, Array.from(v.dataSync())]);
    const a = values(7);
    expect(values(7)).toEqual(a);
    const c = values(8);
    expect(c.map(([n]) => n)).toEqual(a.map(([n]) => n));
    expect(c.find(([n]) => n === 'stage1.0.conv1.weight')).not.toEqual(a.find(([n]) => n === 'stage1.0.conv1.weight'));
  });

  it('gradients of KL + a reconstruction-like loss reach every parameter', () => {
    const encoder = build(3, TINY);
    const x = clip([2, 8, 16, 16, 1]);
    const target = tf.randomNormal([2, 6], 0, 1, 'float32', 9);
    const named = encoder.namedParameters();
    const loss = (): tf.Scalar => {
      const { mu, logvar } = encoder.encode(x);
      const zs = encoder.sample(mu, logvar, new Rng(4));
      return tf.add(tf.mean(tf.abs(tf.sub(zs, target))), tf.mul(encoder.kl(mu, logvar), 1e-2));
    };
    const { value, grads } = tf.variableGrads(loss, named.map(([, v]) => v));
    expect(Number.isFinite(value.dataSync()[0])).toBe(true);
    const dead = named.filter(([, v]) => {
      const g = grads[v.name];
      return g === undefined || !Number.isFinite(tf.sum(g).dataSync()[0]) || tf.max(tf.abs(g)).dataSync()[0] === 0;
    });
    expect(dead.map(([n]) => n)).toEqual([]);
  });
});

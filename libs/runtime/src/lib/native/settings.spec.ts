import { afterEach, describe, expect, it, vi } from 'vitest';
import { onednn } from './onednn';
import { configureNative, nativeEnabled, nativeInfo, nativeThreads, onednnEnabled, parseNativeMode, parseThreads, resolveThreads } from './settings';

describe('native layer settings', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    configureNative({});
  });

  it("resolves 'auto' threads by sharing the cores among the processes running at once", () => {
    expect(resolveThreads('auto', 1, 2)).toBe(2); // a generator stage alone
    expect(resolveThreads('auto', 2, 2)).toBe(1); // two grid workers
    expect(resolveThreads('auto', 3, 2)).toBe(1); // never below one
    expect(resolveThreads('auto', 2, 8)).toBe(4);
    expect(resolveThreads(3, 2, 2)).toBe(3); // a number is taken as is
  });

  it('parses LDDM_NATIVE and LDDM_THREADS, rejecting anything else with the variable named', () => {
    expect(parseNativeMode(undefined)).toBe('auto');
    expect(parseNativeMode('off')).toBe('off');
    expect(parseNativeMode(' ON ')).toBe('auto');
    expect(parseNativeMode('onnxruntime')).toBe('onnxruntime');
    expect(() => parseNativeMode('gpu')).toThrow(/LDDM_NATIVE="gpu"/);
    expect(parseThreads(undefined, 3)).toBe(3);
    expect(parseThreads('2')).toBe(2);
    expect(() => parseThreads('0')).toThrow(/LDDM_THREADS="0"/);
    expect(() => parseThreads('1.5')).toThrow(/integer/);
  });

  it('the environment overrides what the profile configured', () => {
    configureNative({ mode: 'auto', threads: 2 });
    expect(nativeEnabled()).toBe(true);
    expect(nativeThreads()).toBe(2);
    vi.stubEnv('LDDM_NATIVE', 'off');
    vi.stubEnv('LDDM_THREADS', '1');
    expect(nativeEnabled()).toBe(false);
    expect(nativeThreads()).toBe(1);
    expect(nativeInfo()).toMatchObject({ provider: 'none', threads: 1, reason: expect.stringMatching(/off/) });
  });

  it('reports the onnxruntime-node version it loaded', () => {
    configureNative({ mode: 'onnxruntime', threads: 1 });
    const info = nativeInfo();
    expect(info.provider).toBe('onnxruntime-node');
    expect(info.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(info.onednn).toEqual({ reason: 'not used: runtime.native is onnxruntime' });
    expect(onednnEnabled()).toBe(false);
  });

  it('in auto mode reports oneDNN with its version and ISA where it loads, else why not', () => {
    configureNative({ mode: 'auto', threads: 1 });
    const info = nativeInfo();
    if (onednn() === undefined) {
      expect(info.onednn).toEqual({ reason: expect.stringMatching(/libdnnl|oneDNN/) });
      expect(onednnEnabled()).toBe(false);
    } else {
      expect(info.onednn).toMatchObject({ library: 'libdnnl.so.2', version: expect.stringMatching(/^2\.\d+\.\d+$/) });
      expect(onednnEnabled()).toBe(true);
    }
  });
});

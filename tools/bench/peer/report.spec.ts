import { describe, expect, it } from 'vitest';
import { jsonRecord, paramsCheck, parsePeerArgs, ratio, renderTable, shapeDifference, shapeKey, tableRows, type WorkloadResult } from './report';

const KNOWN = ['c3d', 'tsm', 'cinn-flow'];

describe('parsePeerArgs', () => {
  it('has the documented defaults', () => {
    expect(parsePeerArgs([], KNOWN)).toEqual({
      steps: 5,
      warmup: 1,
      peerThreads: 1,
      backend: undefined,
      workloads: undefined,
      json: false,
      profile: 'cpu',
      python: '/usr/bin/python3',
      peerLibPath: undefined,
      peer: true,
      jsonOut: undefined,
      check: false,
    });
  });

  it('reads flags with a separate or an inline value', () => {
    const o = parsePeerArgs(['--steps', '3', '--workloads=c3d, tsm', '--peer-threads=2', '--backend', 'wasm', '--json', '--no-peer', '--warmup', '0'], KNOWN);
    expect(o).toMatchObject({ steps: 3, workloads: ['c3d', 'tsm'], peerThreads: 2, backend: 'wasm', json: true, peer: false, warmup: 0 });
  });

  it('rejects unknown workloads and flags, bad numbers and missing values in one line', () => {
    expect(() => parsePeerArgs(['--workloads', 'c3d,resnet'], KNOWN)).toThrow(/unknown workload\(s\) resnet; expected c3d, tsm, cinn-flow/);
    expect(() => parsePeerArgs(['--steps', '0'], KNOWN)).toThrow(/--steps must be an integer >= 1/);
    expect(() => parsePeerArgs(['--steps', '2.5'], KNOWN)).toThrow(/integer/);
    expect(() => parsePeerArgs(['--repeats', '2'], KNOWN)).toThrow(/unknown argument --repeats/);
    expect(() => parsePeerArgs(['--steps'], KNOWN)).toThrow(/--steps needs a value/);
  });
});

describe('parameter shapes across layouts', () => {
  it('gives tfjs and PyTorch layouts of one weight the same key', () => {
    expect(shapeKey([3, 3, 16, 32])).toBe(shapeKey([32, 16, 3, 3])); // conv2d
    expect(shapeKey([3, 3, 3, 8, 16])).toBe(shapeKey([16, 8, 3, 3, 3])); // conv3d
    expect(shapeKey([64, 128])).toBe(shapeKey([128, 64])); // dense
    expect(shapeKey([3, 3, 16])).toBe(shapeKey([16, 1, 3, 3])); // depthwise
    expect(shapeKey([1])).toBe('1');
  });

  it('lists the shapes found on one side only, as a multiset', () => {
    expect(shapeDifference([[3, 3, 1, 8], [8], [8]], [[8, 1, 3, 3], [8], [8]])).toEqual({ onlyProject: [], onlyPeer: [] });
    expect(shapeDifference([[3, 3, 1, 8], [8], [8]], [[8, 1, 5, 5], [8]])).toEqual({ onlyProject: ['3x3x8', '8'], onlyPeer: ['5x5x8'] });
  });
});

describe('results', () => {
  const r: WorkloadResult = {
    workload: 'c3d',
    label: 'batch 8',
    innerSteps: 1,
    paramsProject: 274194,
    paramsPeer: 274194,
    tensorsProject: 16,
    tensorsPeer: 16,
    shapesOnlyProject: [],
    shapesOnlyPeer: [],
    projectCpuMs: [30, 10, 20],
    projectWallMs: [31, 11, 21],
    peerCpuMs: [4, 5],
    peerWallMs: [5, 6],
  };

  it('checks counts and shapes, and the ratio of the CPU medians', () => {
    expect(paramsCheck(r)).toBe('match');
    expect(paramsCheck({ ...r, paramsPeer: 274195 })).toBe('MISMATCH');
    expect(paramsCheck({ ...r, shapesOnlyPeer: ['5x5x8'] })).toBe('MISMATCH');
    expect(paramsCheck({ ...r, paramsPeer: undefined })).toBe('');
    expect(ratio(20, 4.5)).toBeCloseTo(4.444, 3);
    expect(ratio(20, undefined)).toBeUndefined();
    expect(ratio(20, 0)).toBeUndefined();
  });

  it('prints a row per workload, MISMATCH loudly, peer columns empty without a peer', () => {
    expect(tableRows([r])[0]).toEqual(['c3d', '274,194', '274,194', 'match', '20.0', '21.0', '4.50', '5.50', '4.44x']);
    expect(tableRows([{ ...r, paramsPeer: 1 }])[0][3]).toBe('!!! MISMATCH !!!');
    const alone = tableRows([{ ...r, paramsPeer: undefined, peerCpuMs: undefined, peerWallMs: undefined }])[0];
    expect(alone.slice(2)).toEqual(['', '', '20.0', '21.0', '', '', '']);
    expect(renderTable([r]).split('\n')).toHaveLength(3);
  });

  it('writes the required JSON fields first, null when not measured', () => {
    const line = jsonRecord(r, { backend: 'wasm' });
    expect(Object.keys(line).slice(0, 6)).toEqual(['workload', 'paramsProject', 'paramsPeer', 'projectCpuMs', 'peerCpuMs', 'ratio']);
    expect(line).toMatchObject({ workload: 'c3d', projectCpuMs: 20, peerCpuMs: 4.5, paramsMatch: true, backend: 'wasm', innerSteps: 1 });
    expect(jsonRecord({ workload: 'tsm', label: '', innerSteps: 1, projectError: 'boom' })).toMatchObject({ paramsPeer: null, peerCpuMs: null, ratio: null, projectError: 'boom' });
  });
});

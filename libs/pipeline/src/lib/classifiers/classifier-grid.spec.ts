import { describe, expect, it } from 'vitest';
import { gridWorkers } from './classifier-grid';

describe('gridWorkers', () => {
  it('caps the workers at the cores unless overridden, and never exceeds the cells', () => {
    expect(gridWorkers(1000, 60, 2, false)).toEqual({ workers: 2, capped: true });
    expect(gridWorkers(1000, 60, 2, true)).toEqual({ workers: 60, capped: false });
    expect(gridWorkers(2, 60, 2, false)).toEqual({ workers: 2, capped: false });
    expect(gridWorkers(4, 1, 2, false)).toEqual({ workers: 1, capped: false });
    expect(gridWorkers(1, 0, 2, false)).toEqual({ workers: 1, capped: false });
  });
});

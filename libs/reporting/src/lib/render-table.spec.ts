import { describe, expect, it } from 'vitest';
import { renderTable, type Column } from './render-table';

type Row = { id: string; n: number | null; note: string };
const rows: Row[] = [
  { id: 'a', n: 1, note: 'plain' },
  { id: 'b', n: null, note: 'has, comma and "quotes"\nand a newline | pipe' },
];
const cols: Column<Row>[] = [
  { header: 'id', value: (r) => r.id },
  { header: 'n', value: (r) => r.n },
  { header: 'note', value: (r) => r.note },
];

describe('renderTable', () => {
  it('csv quotes per RFC 4180', () => {
    expect(renderTable(rows, cols, 'csv')).toBe('id,n,note\r\na,1,plain\r\nb,,"has, comma and ""quotes""\nand a newline | pipe"\r\n');
  });
  it('markdown escapes pipes and newlines', () => {
    const md = renderTable(rows, cols, 'md').split('\n');
    expect(md[0]).toBe('| id | n | note |');
    expect(md[1]).toBe('|---|---|---|');
    expect(md[3]).toBe('| b |  | has, comma and "quotes" and a newline \\| pipe |');
  });
  it('json keeps types and nulls', () => {
    expect(JSON.parse(renderTable(rows, cols, 'json'))).toEqual([
      { id: 'a', n: 1, note: 'plain' },
      { id: 'b', n: null, note: rows[1].note },
    ]);
  });
  it('text aligns columns', () => {
    expect(renderTable(rows.slice(0, 1), cols, 'text')).toBe('id  n  note\na   1  plain\n');
  });
});

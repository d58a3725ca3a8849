// Rendering rows as a Markdown table, CSV (RFC 4180), JSON or aligned text.
export type TableFormat = 'md' | 'csv' | 'json' | 'text';
export type Cell = string | number | boolean | null | undefined;

export interface Column<R> {
  /** Header text (also the JSON key). */
  header: string;
  value: (row: R) => Cell;
}

const text = (c: Cell) => (c === null || c === undefined ? '' : String(c));

function csvCell(c: Cell): string {
  const s = text(c);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const mdCell = (c: Cell) => text(c).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

export function renderTable<R>(rows: readonly R[], columns: readonly Column<R>[], format: TableFormat): string {
  const cells = rows.map((r) => columns.map((c) => c.value(r)));
  switch (format) {
    case 'json':
      return `${JSON.stringify(
        cells.map((row) => Object.fromEntries(row.map((v, i) => [columns[i].header, v ?? null]))),
        null,
        2,
      )}\n`;
    case 'csv':
      return [columns.map((c) => csvCell(c.header)), ...cells.map((row) => row.map(csvCell))].map((r) => `${r.join(',')}\r\n`).join('');
    case 'md':
      return [
        `| ${columns.map((c) => mdCell(c.header)).join(' | ')} |`,
        `|${columns.map(() => '---').join('|')}|`,
        ...cells.map((row) => `| ${row.map(mdCell).join(' | ')} |`),
      ].join('\n') + '\n';
    case 'text': {
      const all = [columns.map((c) => c.header), ...cells.map((row) => row.map(text))];
      const widths = columns.map((_, i) => Math.max(...all.map((r) => r[i].length)));
      return all.map((r) => r.map((v, i) => v.padEnd(widths[i])).join('  ').trimEnd()).join('\n') + '\n';
    }
  }
}

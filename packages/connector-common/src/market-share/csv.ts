export type Cell = string | number | boolean | undefined;

/** RFC 4180: quote a cell only when it holds a comma, quote, or line break. */
function escape(cell: Cell): string {
  if (cell === undefined) return '';
  const s = String(cell);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export interface Table {
  readonly header: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
}

export function toCsv(table: Table): string {
  for (const [i, row] of table.rows.entries()) {
    if (row.length !== table.header.length) {
      throw new Error(
        `CSV row ${i + 1} has ${row.length} cells, header has ${table.header.length}`
      );
    }
  }
  return [table.header, ...table.rows].map((r) => r.map(escape).join(',')).join('\n') + '\n';
}

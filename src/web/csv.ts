import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { FastifyReply } from 'fastify';
import type { Cell } from '../services/exportCases.ts';

/**
 * A cell a spreadsheet will not run: text starting =, +, -, @, a tab or a carriage return
 * could be read as a formula, so it starts with an apostrophe instead.
 */
export function neutralised(value: Cell): Cell {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Sends rows as a CSV download, streamed as they are read, every cell neutralised. */
export function sendCsv(
  reply: FastifyReply,
  file: {
    filename: string;
    columns: readonly string[];
    rows: AsyncIterable<Cell[]> | Iterable<Cell[]>;
  },
): FastifyReply {
  const rows = file.rows;
  const cells = Readable.from(
    (async function* () {
      for await (const row of rows) yield row.map(neutralised);
    })(),
  );
  const csv = cells.pipe(stringify({ header: true, columns: [...file.columns], bom: true }));
  cells.on('error', (error) => csv.destroy(error));
  return reply
    .header('cache-control', 'no-store')
    .header(
      'content-disposition',
      `attachment; filename="${file.filename.replace(/[^\w.-]/g, '_')}"`,
    )
    .type('text/csv; charset=utf-8')
    .send(csv);
}

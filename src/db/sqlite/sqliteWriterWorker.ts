// The embedded database's writing connection, in a worker thread of its own: a commit waits for
// the disk (synchronous = FULL) here, never on the thread that serves requests.
import type { SQLInputValue } from 'node:sqlite';
import { parentPort, workerData } from 'node:worker_threads';
import { openWritingConnection } from './sqliteConnectionSettings.ts';
import { runStatement, StatementCache } from './statementCache.ts';

export type WriterRequest =
  | { id: number; kind: 'execute'; sql: string; parameters: SQLInputValue[] }
  | { id: number; kind: 'close' };

export type WriterReply =
  | {
      id: number;
      ok: true;
      rows: unknown[];
      changes?: number | bigint;
      lastInsertRowid?: number | bigint;
    }
  | {
      id: number;
      ok: false;
      error: { message: string; code?: string; errcode?: number; errstr?: string };
    };

const port = parentPort;
if (!port) throw new Error('sqliteWriterWorker runs only as a worker thread');

let database: ReturnType<typeof openWritingConnection> | undefined;
let statements: StatementCache | undefined;
try {
  database = openWritingConnection((workerData as { file: string }).file);
  statements = new StatementCache(database);
  port.postMessage({ ready: true });
} catch (error) {
  port.postMessage({ ready: false, error: describe(error) });
}

port.on('message', (request: WriterRequest) => {
  if (request.kind === 'close') {
    if (database?.isOpen) database.close();
    port.postMessage({ id: request.id, ok: true, rows: [] } satisfies WriterReply);
    port.close();
    return;
  }
  try {
    if (!statements) throw new Error('The database could not be opened');
    const result = runStatement(statements, request.sql, request.parameters);
    port.postMessage({ id: request.id, ok: true, ...result } satisfies WriterReply);
  } catch (error) {
    port.postMessage({ id: request.id, ok: false, error: describe(error) } satisfies WriterReply);
  }
});

function describe(error: unknown) {
  const { message, code, errcode, errstr } = error as {
    message: string;
    code?: string;
    errcode?: number;
    errstr?: string;
  };
  return { message: String(message), code, errcode, errstr };
}

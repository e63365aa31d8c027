import type { SQLInputValue } from 'node:sqlite';
import { Worker } from 'node:worker_threads';
import type { WriterReply, WriterRequest } from './sqliteWriterWorker.ts';
import type { StatementResult } from './statementCache.ts';

type Pending = { resolve(result: StatementResult): void; reject(error: Error): void };

/**
 * The main thread's handle on the writing connection in its worker: each statement is a message,
 * answered in the order sent. The worker keeps the process alive only while it has work.
 */
export class SqliteWriter {
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  #failure: Error | undefined;

  private constructor(worker: Worker) {
    this.#worker = worker;
    worker.on('message', (reply: WriterReply) => this.#settle(reply));
    worker.on('error', (error: unknown) => this.#failAll(error as Error));
    worker.on('exit', () => this.#failAll(new Error('The database writer has stopped')));
    worker.unref();
  }

  static async open(file: string): Promise<SqliteWriter> {
    const worker = new Worker(new URL('./sqliteWriterWorker.ts', import.meta.url), {
      workerData: { file },
    });
    const opened = await new Promise<{ ready: boolean; error?: { message: string } }>(
      (resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      },
    );
    if (!opened.ready) {
      await worker.terminate();
      throw new Error(opened.error?.message ?? 'The database could not be opened');
    }
    return new SqliteWriter(worker);
  }

  execute(sql: string, parameters: SQLInputValue[]): Promise<StatementResult> {
    return this.#send({ kind: 'execute', sql, parameters });
  }

  async close(): Promise<void> {
    if (this.#failure) return;
    await this.#send({ kind: 'close' }).catch(() => {});
    await this.#worker.terminate();
  }

  #send(
    request: { kind: 'execute'; sql: string; parameters: SQLInputValue[] } | { kind: 'close' },
  ) {
    if (this.#failure) return Promise.reject(this.#failure);
    const id = this.#nextId++;
    const caller = new Error();
    return new Promise<StatementResult>((resolve, reject) => {
      if (this.#pending.size === 0) this.#worker.ref();
      this.#pending.set(id, {
        resolve,
        reject: (error) => {
          error.stack = `${error.stack}\n    ---- sent from ----${caller.stack?.replace(/^Error/, '')}`;
          reject(error);
        },
      });
      this.#worker.postMessage({ ...request, id } as WriterRequest);
    });
  }

  #settle(reply: WriterReply) {
    const pending = this.#pending.get(reply.id);
    if (!pending) return;
    this.#pending.delete(reply.id);
    if (this.#pending.size === 0) this.#worker.unref();
    if (reply.ok) pending.resolve(reply);
    else pending.reject(Object.assign(new Error(reply.error.message), reply.error));
  }

  #failAll(error: Error) {
    this.#failure ??= error;
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
  }
}

import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { auditRepository } from '../db/repositories/auditRepository.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import { aheadOfOtherWrites } from '../db/sqlite/splitSqliteDriver.ts';
import type { AuditEntry, AuditFacts } from '../domain/audit/auditChain.ts';

type Waiting = {
  facts: readonly AuditFacts[];
  resolve(entries: AuditEntry[]): void;
  reject(error: unknown): void;
};

// Enough for every read of a busy moment in one commit, small enough to keep a commit short.
const MOST_IN_ONE_COMMIT = 2000;

/**
 * Group commit of the audit entries of reads. A read's entries are durable before its response
 * is sent, as before, but the reads of the same moment share one commit: while one batch is being
 * committed the next gathers, so under load one fsync (and on PostgreSQL one turn of the chain's
 * lock) serves many requests, and when idle a read waits only for its own commit. On SQLite the
 * batch goes ahead of changes waiting for the writer. A change is not audited here: its entry
 * stays in the change's own transaction.
 */
class AuditGroupCommit {
  readonly #db: Kysely<DatabaseSchema>;
  readonly #waiting: Waiting[] = [];
  #committing = false;
  /** Commits made and entries written, for tests and benchmarks to see the grouping. */
  readonly counts = { commits: 0, entries: 0 };

  constructor(db: Kysely<DatabaseSchema>) {
    this.#db = db;
  }

  append(facts: readonly AuditFacts[]): Promise<AuditEntry[]> {
    if (facts.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.#waiting.push({ facts, resolve, reject });
      if (!this.#committing) {
        this.#committing = true;
        // The reads answered in this turn of the event loop join the first commit too.
        setImmediate(() => void this.#commitAll());
      }
    });
  }

  async #commitAll(): Promise<void> {
    try {
      while (this.#waiting.length > 0) await this.#commitBatch(this.#nextBatch());
    } finally {
      this.#committing = false;
    }
  }

  #nextBatch(): Waiting[] {
    let entries = 0;
    let count = 0;
    for (const waiting of this.#waiting) {
      if (count > 0 && entries + waiting.facts.length > MOST_IN_ONE_COMMIT) break;
      entries += waiting.facts.length;
      count++;
    }
    return this.#waiting.splice(0, count);
  }

  async #commitBatch(batch: Waiting[]): Promise<void> {
    try {
      const entries = await aheadOfOtherWrites(() =>
        this.#db
          .transaction()
          .execute((trx) => auditRepository(trx).appendMany(batch.flatMap((one) => one.facts))),
      );
      this.counts.commits++;
      this.counts.entries += entries.length;
      let from = 0;
      for (const one of batch) {
        one.resolve(entries.slice(from, from + one.facts.length));
        from += one.facts.length;
      }
    } catch (error) {
      for (const one of batch) one.reject(error);
    }
  }
}

const committers = new WeakMap<Kysely<DatabaseSchema>, AuditGroupCommit>();

/** Appends the audit entries of a read, durably, sharing the commit with concurrent reads. */
export function auditReads(
  database: Pick<Database, 'db'>,
  facts: readonly AuditFacts[],
): Promise<AuditEntry[]> {
  return committerOf(database).append(facts);
}

/** How many commits the reads' entries have taken so far, and how many entries they wrote. */
export function auditReadCommits(database: Pick<Database, 'db'>): {
  commits: number;
  entries: number;
} {
  return { ...committerOf(database).counts };
}

function committerOf(database: Pick<Database, 'db'>): AuditGroupCommit {
  let committer = committers.get(database.db);
  if (!committer) {
    committer = new AuditGroupCommit(database.db);
    committers.set(database.db, committer);
  }
  return committer;
}

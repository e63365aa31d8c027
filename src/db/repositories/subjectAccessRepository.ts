import type { Kysely } from 'kysely';
import type { AuditEntry } from '../../domain/audit/auditChain.ts';
import type { Disagreement } from '../../domain/disagreement/disagreement.ts';
import type { DatabaseSchema } from '../schema.ts';
import { auditRepository } from './auditRepository.ts';
import { caseOf } from './caseReads.ts';
import { inSlices } from './inSlices.ts';

const byRaisedThenId = (
  a: { raised_at: string; id: string },
  b: { raised_at: string; id: string },
) => (a.raised_at === b.raised_at ? (a.id < b.id ? -1 : 1) : a.raised_at < b.raised_at ? -1 : 1);

/** A message Accord queued for a person, as the outbox holds it. */
export type MessageToPerson = {
  id: string;
  createdAt: string;
  kind: string;
  disagreementId: string | null;
  recipient: string;
  subject: string;
  body: string;
  status: string;
  sentAt: string | null;
};

/**
 * What Accord holds about one person, for a subject-access request, found through indexes only:
 * the case search words, who stands on a case, action owners, the audit log by actor and the
 * outbox by person. Nothing here reads every case of a partnership.
 */
export function subjectAccessRepository(db: Kysely<DatabaseSchema>) {
  return {
    /**
     * The partnership's cases indexed by every one of these folded words (children's names), read
     * whole so their children can be checked; exact words, never prefixes. The ids come from the
     * search index alone, and only their cases are read by id, the partnership checked here: a
     * condition on the partnership in the query is planned, on SQLite, as a walk through every
     * case of the partnership.
     */
    async casesIndexedByAll(partnershipId: string, words: readonly string[]) {
      const [first, ...rest] = words;
      if (first === undefined) return [];
      const withTerm = (word: string) =>
        db.selectFrom('disagreement_search').select('disagreement_id').where('term', '=', word);
      let ids = withTerm(first);
      for (const word of rest) ids = ids.intersect(withTerm(word));
      const found = (await ids.execute()).map((row) => row.disagreement_id);
      const rows = [];
      for (const slice of inSlices(found)) {
        rows.push(
          ...(await db
            .selectFrom('disagreements')
            .select(['id', 'partnership_id', 'raised_at', 'document'])
            .where('id', 'in', slice)
            .execute()),
        );
      }
      return rows
        .filter((row) => row.partnership_id === partnershipId)
        .sort(byRaisedThenId)
        .map((row) => caseOf(row.document));
    },

    /**
     * The partnership's cases that name a person (id and reference), oldest first: standing on
     * it (raiser, other professional, assigned at a stage, chair, attendee, proposer), owning an
     * agreed action, or having changed it (an audit entry of theirs on the case of one of
     * `changeActions`). The ids come from those indexes by person, then only their cases are read.
     */
    async casesNaming(
      partnershipId: string,
      personId: string,
      changeActions: readonly string[],
    ): Promise<{ id: string; reference: string }[]> {
      const ids = await db
        .selectFrom('disagreement_people')
        .select('disagreement_id as id')
        .where('person_id', '=', personId)
        .union(
          db
            .selectFrom('disagreement_actions')
            .select('disagreement_id as id')
            .where('owner_id', '=', personId),
        )
        .union(
          db
            .selectFrom('audit_log')
            .select((eb) => eb.ref('record_id').$notNull().as('id'))
            .where('actor_id', '=', personId)
            .where('record_type', '=', 'disagreement')
            .where('action', 'in', changeActions),
        )
        .execute();
      const rows = [];
      for (const slice of inSlices(ids.flatMap((row) => (row.id ? [row.id] : [])))) {
        rows.push(
          ...(await db
            .selectFrom('disagreements')
            .select(['id', 'partnership_id', 'reference', 'raised_at'])
            .where('id', 'in', slice)
            .execute()),
        );
      }
      return rows
        .filter((row) => row.partnership_id === partnershipId)
        .sort(byRaisedThenId)
        .map(({ id, reference }) => ({ id, reference }));
    },

    /** Cases by id, in the order given, a slice at a time. */
    async *cases(ids: readonly string[]): AsyncGenerator<Disagreement> {
      for (const slice of inSlices(ids, 100)) {
        const rows = await db
          .selectFrom('disagreements')
          .select(['id', 'document'])
          .where('id', 'in', slice)
          .execute();
        const byId = new Map(rows.map((row) => [row.id, row.document]));
        for (const id of slice) {
          const document = byId.get(id);
          if (document !== undefined) yield caseOf(document);
        }
      }
    },

    /** How many audit entries the person made, and how many messages were queued for them. */
    async countsFor(personId: string): Promise<{ auditEntries: number; messages: number }> {
      const audit = await db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll().as('count'))
        .where('actor_id', '=', personId)
        .executeTakeFirstOrThrow();
      const messages = await db
        .selectFrom('outbox')
        .select((eb) => eb.fn.countAll().as('count'))
        .where('person_id', '=', personId)
        .executeTakeFirstOrThrow();
      return { auditEntries: Number(audit.count), messages: Number(messages.count) };
    },

    /** Every audit entry the person made, oldest first, a batch at a time. */
    auditEntriesBy(personId: string): AsyncGenerator<AuditEntry> {
      return auditRepository(db).inOrder({ actorId: personId });
    },

    /** Every message queued for the person, oldest first, a batch at a time. */
    async *messagesTo(personId: string, batchSize = 500): AsyncGenerator<MessageToPerson> {
      let after: { createdAt: string; id: string } | null = null;
      for (;;) {
        let query = db
          .selectFrom('outbox')
          .select([
            'id',
            'created_at',
            'kind',
            'disagreement_id',
            'recipient',
            'subject',
            'body',
            'status',
            'sent_at',
          ])
          .where('person_id', '=', personId);
        if (after) {
          const { createdAt, id } = after;
          query = query.where((eb) =>
            eb.or([
              eb('created_at', '>', createdAt),
              eb.and([eb('created_at', '=', createdAt), eb('id', '>', id)]),
            ]),
          );
        }
        const rows = await query.orderBy('created_at').orderBy('id').limit(batchSize).execute();
        for (const row of rows) {
          yield {
            id: row.id,
            createdAt: row.created_at,
            kind: row.kind,
            disagreementId: row.disagreement_id,
            recipient: row.recipient,
            subject: row.subject,
            body: row.body,
            status: row.status,
            sentAt: row.sent_at,
          };
        }
        const last = rows.at(-1);
        if (!last || rows.length < batchSize) return;
        after = { createdAt: last.created_at, id: last.id };
      }
    },
  };
}

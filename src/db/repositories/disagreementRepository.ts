import type { Kysely } from 'kysely';
import type { CaseVisibility } from '../../domain/access/caseVisibility.ts';
import type { InvolvedPerson } from '../../domain/access/involvement.ts';
import { readCaseDocument } from '../../domain/disagreement/caseDocument.ts';
import {
  awaitingConfirmationFrom,
  currentStage,
  type Disagreement,
} from '../../domain/disagreement/disagreement.ts';
import { Conflict } from '../../domain/errors.ts';
import type { DatabaseSchema } from '../schema.ts';
import { caseIndexRows } from './caseIndexRows.ts';
import { visibleTo } from './caseVisibilitySql.ts';
import { json, toJson } from './rowMapping.ts';

export type CaseFilter = {
  status?: string | undefined;
  stageKey?: string | undefined;
  overdueAt?: string | undefined;
  partnershipId?: string | undefined;
  limit: number;
  cursor?: { createdAt: string; id: string } | undefined;
};

/** A stored case, upgraded to today's shape and checked as it is read. */
const caseOf = (document: string | object): Disagreement => readCaseDocument(json(document));

export function disagreementRepository(db: Kysely<DatabaseSchema>) {
  function columns(disagreement: Disagreement, otherSideCanSee: boolean) {
    const stage = currentStage(disagreement);
    return {
      version: disagreement.version,
      local_authority_id: disagreement.localAuthorityId,
      status: disagreement.status,
      urgent: disagreement.urgent,
      category: disagreement.category,
      pathway: disagreement.pathway,
      raised_at: disagreement.raisedAt,
      other_side_can_see: otherSideCanSee,
      current_stage_key: disagreement.status === 'open' ? (stage?.key ?? null) : null,
      current_due_at: disagreement.status === 'open' ? (stage?.dueAt ?? null) : null,
      awaiting_confirmation: awaitingConfirmationFrom(disagreement).length > 0,
      document: toJson(disagreement),
      updated_at: disagreement.updatedAt,
    };
  }

  const { replace: replaceIndexRows, involvedInMany } = caseIndexRows(db);

  return {
    /** The next number in a named sequence, e.g. a partnership's case references for a year. */
    async nextNumber(scope: string, name: string): Promise<number> {
      const row = await db
        .insertInto('counters')
        .values({ scope, name, value: 1 })
        .onConflict((conflict) =>
          conflict
            .columns(['scope', 'name'])
            .doUpdateSet((eb) => ({ value: eb('counters.value', '+', 1) })),
        )
        .returning('value')
        .executeTakeFirstOrThrow();
      return Number(row.value);
    },

    async insert(
      disagreement: Disagreement,
      access: { otherSideCanSee: boolean; involved: InvolvedPerson[] },
    ): Promise<void> {
      await db
        .insertInto('disagreements')
        .values({
          id: disagreement.id,
          reference: disagreement.reference,
          partnership_id: disagreement.partnershipId,
          protocol_version: disagreement.protocolVersion,
          raised_by: disagreement.raisedBy,
          created_at: disagreement.createdAt,
          ...columns(disagreement, access.otherSideCanSee),
        })
        .execute();
      await db
        .insertInto('disagreement_agencies')
        .values([
          {
            disagreement_id: disagreement.id,
            agency_id: disagreement.raiserAgencyId,
            side: 'raising',
          },
          ...disagreement.otherAgencyIds.map((agencyId) => ({
            disagreement_id: disagreement.id,
            agency_id: agencyId,
            side: 'other',
          })),
        ])
        .execute();
      await replaceIndexRows(disagreement, access.involved);
    },

    /** Saves a changed case if nobody changed it since `expectedVersion`; else a Conflict. */
    async update(
      disagreement: Disagreement,
      expectedVersion: number,
      access: { otherSideCanSee: boolean; involved: InvolvedPerson[] },
    ): Promise<void> {
      const result = await db
        .updateTable('disagreements')
        .set(columns(disagreement, access.otherSideCanSee))
        .where('id', '=', disagreement.id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) {
        throw new Conflict(
          'Someone else changed this disagreement first: look at it again, then make your change',
        );
      }
      await replaceIndexRows(disagreement, access.involved);
    },

    async get(id: string): Promise<Disagreement | undefined> {
      const row = await db
        .selectFrom('disagreements')
        .select('document')
        .where('id', '=', id)
        .executeTakeFirst();
      return row && caseOf(row.document);
    },

    /** The cases a person may see, newest first, one page at a time. */
    async listVisible(who: CaseVisibility, filter: CaseFilter): Promise<Disagreement[]> {
      let query = db
        .selectFrom('disagreements')
        .select(['document'])
        .where((eb) => visibleTo(eb, who));
      if (filter.status) query = query.where('status', '=', filter.status);
      if (filter.stageKey) query = query.where('current_stage_key', '=', filter.stageKey);
      if (filter.partnershipId) query = query.where('partnership_id', '=', filter.partnershipId);
      if (filter.overdueAt) {
        query = query.where('status', '=', 'open').where('current_due_at', '<', filter.overdueAt);
      }
      if (filter.cursor) {
        const { createdAt, id } = filter.cursor;
        query = query.where((eb) =>
          eb.or([
            eb('created_at', '<', createdAt),
            eb.and([eb('created_at', '=', createdAt), eb('id', '<', id)]),
          ]),
        );
      }
      const rows = await query
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(filter.limit)
        .execute();
      return rows.map((row) => caseOf(row.document));
    },

    /**
     * The open cases a person may see that ask something of them: an outcome waiting for
     * confirmation, an action they own, or a case they are named or assigned on. No cap on
     * age: the oldest are the most overdue.
     */
    async openConcerning(who: CaseVisibility): Promise<Disagreement[]> {
      const rows = await db
        .selectFrom('disagreements')
        .select(['document'])
        .where((eb) => visibleTo(eb, who))
        .where('status', '=', 'open')
        .where((eb) =>
          eb.or([
            eb('awaiting_confirmation', '=', true),
            eb.exists(
              eb
                .selectFrom('disagreement_actions as owned')
                .select('owned.id')
                .whereRef('owned.disagreement_id', '=', 'disagreements.id')
                .where('owned.owner_id', '=', who.personId)
                .where('owned.completed_at', 'is', null),
            ),
            eb.exists(
              eb
                .selectFrom('disagreement_people as named')
                .select('named.person_id')
                .whereRef('named.disagreement_id', '=', 'disagreements.id')
                .where('named.person_id', '=', who.personId),
            ),
          ]),
        )
        .orderBy('current_due_at')
        .execute();
      return rows.map((row) => caseOf(row.document));
    },

    /** Cases with a deadline before `horizon`: an open stage's due time or an open action's. */
    async withDeadlinesBefore(horizon: string): Promise<Disagreement[]> {
      const rows = await db
        .selectFrom('disagreements')
        .select(['document'])
        .where((eb) =>
          eb.or([
            eb.and([eb('status', '=', 'open'), eb('current_due_at', '<=', horizon)]),
            eb.and([
              eb('status', 'in', ['open', 'resolved']),
              eb.exists(
                eb
                  .selectFrom('disagreement_actions as due')
                  .select('due.id')
                  .whereRef('due.disagreement_id', '=', 'disagreements.id')
                  .where('due.completed_at', 'is', null)
                  .where('due.due_at', '<=', horizon),
              ),
            ]),
          ]),
        )
        .execute();
      return rows.map((row) => caseOf(row.document));
    },

    /** Every case (in any state) one of the given agencies is party to. */
    async ofAgencies(partnershipId: string, agencyIds: readonly string[]): Promise<Disagreement[]> {
      if (agencyIds.length === 0) return [];
      const rows = await db
        .selectFrom('disagreements')
        .select(['document'])
        .where('partnership_id', '=', partnershipId)
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('disagreement_agencies as party')
              .select('party.agency_id')
              .whereRef('party.disagreement_id', '=', 'disagreements.id')
              .where('party.agency_id', 'in', [...agencyIds]),
          ),
        )
        .execute();
      return rows.map((row) => caseOf(row.document));
    },

    /** Who is named or assigned on a case, written again after the directory changed. */
    async replaceInvolved(disagreement: Disagreement, involved: InvolvedPerson[]): Promise<void> {
      await replaceIndexRows(disagreement, involved);
    },

    /** Open cases of a partnership, for re-projecting their due times. */
    async openInPartnership(partnershipId: string): Promise<Disagreement[]> {
      const rows = await db
        .selectFrom('disagreements')
        .select(['document'])
        .where('partnership_id', '=', partnershipId)
        .where('status', '=', 'open')
        .execute();
      return rows.map((row) => caseOf(row.document));
    },

    async involvedPeople(disagreementId: string): Promise<InvolvedPerson[]> {
      return (await involvedInMany([disagreementId])).get(disagreementId) ?? [];
    },

    /** Who is named or assigned on each of several cases, by case. */
    involvedInMany,
  };
}

export type DisagreementRepository = ReturnType<typeof disagreementRepository>;

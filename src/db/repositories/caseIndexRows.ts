import type { Kysely } from 'kysely';
import type { InvolvedPerson } from '../../domain/access/involvement.ts';
import type { Disagreement } from '../../domain/disagreement/disagreement.ts';
import { searchTerms } from '../../domain/disagreement/searchTerms.ts';
import { subgroupsFor } from '../../domain/protocol/learningSubgroups.ts';
import type { Protocol } from '../../domain/protocol/protocolSchema.ts';
import { endedWithinTimescale } from '../../domain/reports/caseFacts.ts';
import type { DatabaseSchema } from '../schema.ts';
import { flag, toJson } from './rowMapping.ts';

/**
 * The rows kept beside each case document for queries (docs/decisions/0005): who is named or
 * assigned on it, with their side, and its agreed actions by owner and due time. Written again
 * from the document on every save.
 */
export function caseIndexRows(db: Kysely<DatabaseSchema>) {
  async function replace(disagreement: Disagreement, involved: InvolvedPerson[]) {
    const id = disagreement.id;
    await db.deleteFrom('disagreement_people').where('disagreement_id', '=', id).execute();
    await db.deleteFrom('disagreement_actions').where('disagreement_id', '=', id).execute();
    const people = new Map(involved.map((person) => [person.personId, person]));
    if (people.size > 0) {
      await db
        .insertInto('disagreement_people')
        .values(
          [...people.values()].map((person) => ({
            disagreement_id: id,
            person_id: person.personId,
            agency_id: person.agencyId,
            side: person.side,
            chair: person.chair,
          })),
        )
        .execute();
    }
    if (disagreement.actions.length > 0) {
      await db
        .insertInto('disagreement_actions')
        .values(
          disagreement.actions.map((action) => ({
            id: action.id,
            disagreement_id: id,
            owner_id: action.ownerId,
            due_at: action.dueAt,
            completed_at: action.completedAt,
          })),
        )
        .execute();
    }
  }

  async function involvedInMany(
    disagreementIds: readonly string[],
  ): Promise<Map<string, InvolvedPerson[]>> {
    const byCase = new Map<string, InvolvedPerson[]>(disagreementIds.map((id) => [id, []]));
    // In slices, so a statement's bound values stay under SQLite's limit.
    for (let start = 0; start < disagreementIds.length; start += 500) {
      const rows = await db
        .selectFrom('disagreement_people')
        .selectAll()
        .where('disagreement_id', 'in', disagreementIds.slice(start, start + 500))
        .execute();
      for (const row of rows) {
        byCase.get(row.disagreement_id)?.push({
          personId: row.person_id,
          agencyId: row.agency_id,
          side: row.side as InvolvedPerson['side'],
          chair: flag(row.chair),
        });
      }
    }
    return byCase;
  }

  /**
   * The rows for finding, exporting and learning from a case: its stages with their times and
   * whether each ended within its timescale, the words it is found by, and its lessons in the
   * learning log (a lesson's row keeps what the partnership did with it: only what the case
   * says of the lesson is written again).
   */
  async function replaceFindingRows(disagreement: Disagreement, protocol: Protocol) {
    const id = disagreement.id;
    await db.deleteFrom('disagreement_stages').where('disagreement_id', '=', id).execute();
    await db.deleteFrom('disagreement_search').where('disagreement_id', '=', id).execute();
    await db
      .insertInto('disagreement_stages')
      .values(
        disagreement.stages.map((stage, position) => {
          const within = endedWithinTimescale(stage);
          return {
            disagreement_id: id,
            position,
            stage_key: stage.key,
            started_at: stage.startedAt,
            due_at: stage.dueAt,
            ended_at: stage.endedAt,
            outcome: stage.outcome,
            within_timescale: within,
          };
        }),
      )
      .execute();
    const terms = searchTerms(disagreement);
    if (terms.length > 0) {
      await db
        .insertInto('disagreement_search')
        .values(terms.map((term) => ({ disagreement_id: id, term })))
        .execute();
    }
    for (const [position, lesson] of disagreement.lessons.entries()) {
      const described = {
        local_authority_id: disagreement.localAuthorityId,
        position,
        themes: `,${lesson.themes.join(',')},`,
        subgroups: toJson(subgroupsFor(protocol, lesson.themes)),
        source: lesson.source,
        recorded_at: lesson.recordedAt,
      };
      await db
        .insertInto('lessons')
        .values({
          id: lesson.id,
          disagreement_id: id,
          partnership_id: disagreement.partnershipId,
          status: 'new',
          ...described,
        })
        .onConflict((conflict) => conflict.column('id').doUpdateSet(described))
        .execute();
    }
  }

  return { replace, replaceFindingRows, involvedInMany };
}

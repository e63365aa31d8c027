import type { Kysely } from 'kysely';
import type { InvolvedPerson } from '../../domain/access/involvement.ts';
import type { Disagreement } from '../../domain/disagreement/disagreement.ts';
import type { Protocol } from '../../domain/protocol/protocolSchema.ts';
import type { DatabaseSchema } from '../schema.ts';
import {
  actionRows,
  lessonDescriptions,
  partyRows,
  peopleRows,
  searchRows,
  stageRows,
} from './caseRows.ts';
import { inSlices } from './inSlices.ts';
import { flag } from './rowMapping.ts';

type Row = Record<string, unknown>;

/**
 * The rows kept beside each case document for queries (docs/decisions/0005), written again
 * from the document on every save; or, for many new cases at once, inserted a chunk at a time.
 */
export function caseIndexRows(db: Kysely<DatabaseSchema>) {
  /** Inserts rows in chunks, so a statement's bound values stay under both databases' limits. */
  async function insertChunked(table: keyof DatabaseSchema, rows: readonly Row[]) {
    if (rows.length === 0) return;
    const perRow = Object.keys(rows[0] ?? {}).length || 1;
    const size = Math.max(1, Math.floor(30000 / perRow));
    for (const slice of inSlices(rows, size)) {
      await db
        .insertInto(table)
        .values(slice as never)
        .execute();
    }
  }

  /** Who is named or assigned on it, with their side, and its agreed actions by owner and due time. */
  async function replace(disagreement: Disagreement, involved: InvolvedPerson[]) {
    const id = disagreement.id;
    await db.deleteFrom('disagreement_people').where('disagreement_id', '=', id).execute();
    await db.deleteFrom('disagreement_actions').where('disagreement_id', '=', id).execute();
    await insertChunked('disagreement_people', peopleRows(disagreement, involved));
    await insertChunked('disagreement_actions', actionRows(disagreement));
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
    await insertChunked('disagreement_stages', stageRows(disagreement));
    await insertChunked('disagreement_search', searchRows(disagreement));
    const lessons = lessonDescriptions(disagreement, protocol);
    // A row for a lesson the case no longer holds under that id goes.
    let gone = db.deleteFrom('lessons').where('disagreement_id', '=', id);
    if (lessons.length > 0) {
      gone = gone.where(
        'id',
        'not in',
        lessons.map((lesson) => lesson.id),
      );
    }
    await gone.execute();
    for (const lesson of lessons) {
      await db
        .insertInto('lessons')
        .values({
          id: lesson.id,
          disagreement_id: lesson.disagreement_id,
          partnership_id: lesson.partnership_id,
          status: 'new',
          ...lesson.described,
        })
        .onConflict((conflict) => conflict.column('id').doUpdateSet(lesson.described))
        .execute();
    }
  }

  /** Every row beside many new cases (their own rows stored first), a chunk of each table at a time. */
  async function insertForNew(
    cases: readonly {
      disagreement: Disagreement;
      involved: readonly InvolvedPerson[];
      protocol: Protocol;
    }[],
  ) {
    await insertChunked(
      'disagreement_agencies',
      cases.flatMap((c) => partyRows(c.disagreement)),
    );
    await insertChunked(
      'disagreement_people',
      cases.flatMap((c) => peopleRows(c.disagreement, c.involved)),
    );
    await insertChunked(
      'disagreement_actions',
      cases.flatMap((c) => actionRows(c.disagreement)),
    );
    await insertChunked(
      'disagreement_stages',
      cases.flatMap((c) => stageRows(c.disagreement)),
    );
    await insertChunked(
      'disagreement_search',
      cases.flatMap((c) => searchRows(c.disagreement)),
    );
    await insertChunked(
      'lessons',
      cases.flatMap((c) =>
        lessonDescriptions(c.disagreement, c.protocol).map((lesson) => ({
          id: lesson.id,
          disagreement_id: lesson.disagreement_id,
          partnership_id: lesson.partnership_id,
          status: 'new',
          ...lesson.described,
        })),
      ),
    );
  }

  async function involvedInMany(
    disagreementIds: readonly string[],
  ): Promise<Map<string, InvolvedPerson[]>> {
    const byCase = new Map<string, InvolvedPerson[]>(disagreementIds.map((id) => [id, []]));
    for (const slice of inSlices(disagreementIds)) {
      const rows = await db
        .selectFrom('disagreement_people')
        .selectAll()
        .where('disagreement_id', 'in', slice)
        .execute();
      for (const row of rows) {
        byCase.get(row.disagreement_id)?.push({
          personId: row.person_id,
          agencyId: row.agency_id,
          side: row.side as InvolvedPerson['side'],
          chair: flag(row.chair),
          takesStage: flag(row.takes_stage),
        });
      }
    }
    return byCase;
  }

  return { replace, replaceFindingRows, insertForNew, insertChunked, involvedInMany };
}

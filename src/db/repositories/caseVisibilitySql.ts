import type { ExpressionBuilder } from 'kysely';
import type { CaseVisibility } from '../../domain/access/caseVisibility.ts';
import type { DatabaseSchema } from '../schema.ts';

type Eb = ExpressionBuilder<DatabaseSchema, 'disagreements'>;

/**
 * The visibility rule of can()'s 'view' as SQL (domain/access/caseVisibility.ts): the cases of
 * the person's partnership where they, or someone below them in line management, are named or
 * assigned on a side that may see it; every case, for the partnership team; the cases of their
 * agency, for its senior managers and safeguarding leads.
 */
export function visibleTo(eb: Eb, who: CaseVisibility) {
  // The partnership team sees every case of its partnership: nothing more to ask.
  if (who.teamOf && who.teamOf === who.partnershipId) {
    return eb('disagreements.partnership_id', '=', who.teamOf);
  }
  const people = [who.personId, ...who.reports];
  const conditions = [
    eb.exists(
      eb
        .selectFrom('disagreement_people as involved')
        .select('involved.person_id')
        .whereRef('involved.disagreement_id', '=', 'disagreements.id')
        // One key lookup per case: the person and their reports, then who stands where.
        .where('involved.person_id', 'in', people)
        .where((inner) =>
          inner.and([
            inner.or([
              inner('involved.person_id', '=', who.personId),
              inner('involved.side', 'in', ['raising', 'other']),
            ]),
            inner.or([
              inner('involved.side', '!=', 'other'),
              inner('disagreements.other_side_can_see', '=', true),
            ]),
          ]),
        ),
    ),
  ];
  if (who.teamOf) conditions.push(eb('disagreements.partnership_id', '=', who.teamOf));
  if (who.agencyWide) {
    const agencyId = who.agencyWide;
    conditions.push(
      eb.exists(
        eb
          .selectFrom('disagreement_agencies as party')
          .select('party.agency_id')
          .whereRef('party.disagreement_id', '=', 'disagreements.id')
          .where('party.agency_id', '=', agencyId)
          .where((inner) =>
            inner.or([
              inner('party.side', '=', 'raising'),
              inner('disagreements.other_side_can_see', '=', true),
            ]),
          ),
      ),
    );
  }
  return eb.and([
    eb('disagreements.partnership_id', '=', who.partnershipId ?? ''),
    eb.or(conditions),
  ]);
}

import { auditRepository } from '../db/repositories/auditRepository.ts';
import type { InboxCursor } from '../db/repositories/disagreementRepository.ts';
import { disagreementRepository } from '../db/repositories/disagreementRepository.ts';
import { isoInstant } from '../domain/clock.ts';
import type { Disagreement } from '../domain/disagreement/disagreement.ts';
import { Invalid } from '../domain/errors.ts';
import type { CaseDeps } from './caseDeps.ts';
import { type LoadedRules, rulesCache } from './caseRules.ts';
import { ownPartnershipTeam } from './partnershipTeamOnly.ts';
import { auditFacts, type RequestContext } from './requestContext.ts';

export type InboxQuery = {
  /** Only those nobody in the team has acknowledged yet. */
  unacknowledgedOnly?: boolean | undefined;
  limit: number;
  cursor?: string | undefined;
};

const encode = (cursor: InboxCursor) =>
  Buffer.from(`${cursor.first ? 1 : 0}|${cursor.at}|${cursor.id}`).toString('base64url');

function decode(cursor: string): InboxCursor {
  const [first, at, id, extra] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  try {
    if ((first !== '0' && first !== '1') || !at || !id || extra !== undefined) throw new Error();
    return { first: first === '1', at: isoInstant(Temporal.Instant.from(at)), id };
  } catch {
    throw new Invalid('The cursor is not one this service gave', [
      { path: 'cursor', message: 'Use the link to the next page' },
    ]);
  }
}

/**
 * The partnership team's monitoring inbox (product.md 7): the cases that reached their
 * protocol's monitoring stage or that the team was told of now, those and urgent ones first,
 * then newest first. Every case shown is an audited read.
 */
export async function monitoringInbox(
  deps: CaseDeps,
  query: InboxQuery,
  context: RequestContext,
): Promise<{
  items: { disagreement: Disagreement; rules: LoadedRules }[];
  nextCursor: string | null;
}> {
  const { partnershipId } = ownPartnershipTeam(
    context.actor,
    'Only the partnership team has a monitoring inbox',
  );
  const now = deps.clock.now();
  return deps.database.db.transaction().execute(async (trx) => {
    const found = await disagreementRepository(trx).inInbox(partnershipId, {
      unacknowledgedOnly: query.unacknowledgedOnly ?? false,
      limit: query.limit + 1,
      after: query.cursor ? decode(query.cursor) : undefined,
    });
    const page = found.slice(0, query.limit);
    const rulesOf = rulesCache(trx, now);
    const items = [];
    for (const { disagreement } of page)
      items.push({ disagreement, rules: await rulesOf(disagreement) });
    await auditRepository(trx).appendMany(
      page.map(({ disagreement }) =>
        auditFacts(context, now, 'disagreement.listed', {
          type: 'disagreement',
          id: disagreement.id,
          partnershipId: disagreement.partnershipId,
        }),
      ),
    );
    const last = page.at(-1);
    return { items, nextCursor: found.length > query.limit && last ? encode(last.cursor) : null };
  });
}

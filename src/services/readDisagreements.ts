import { readTogether } from '../db/database.ts';
import { disagreementRepository } from '../db/repositories/disagreementRepository.ts';
import { organisationRepository } from '../db/repositories/organisationRepository.ts';
import { partnershipRepository } from '../db/repositories/partnershipRepository.ts';
import { peopleRepository } from '../db/repositories/peopleRepository.ts';
import { type CaseAction, can, caseActions } from '../domain/access/can.ts';
import { stagePeopleSought } from '../domain/directory/peopleSought.ts';
import { currentStage, type Disagreement } from '../domain/disagreement/disagreement.ts';
import { type WaitingAsk, waitingAsks } from '../domain/disagreement/waitingAsks.ts';
import { NotFound } from '../domain/errors.ts';
import { stageOf } from '../domain/protocol/ladder.ts';
import { readCaseAudited } from './auditCase.ts';
import { auditReads } from './auditedReads.ts';
import { refusalsAudited } from './auditRefusal.ts';
import { visibilityOf } from './caseAccess.ts';
import type { CaseDeps } from './caseDeps.ts';
import { type CaseQuery, decodeCursor, encodeCursor, filterOf, isSearch } from './caseQuery.ts';
import { calendarOf, type LoadedRules, rulesCache } from './caseRules.ts';
import { auditFacts, type RequestContext } from './requestContext.ts';
import { type LoadedCase, loadVisibleCase } from './visibleCase.ts';

/** Every case a list shows is a read of it, audited as one entry per case. */
function auditListed(
  database: CaseDeps['database'],
  context: RequestContext,
  now: Temporal.Instant,
  shown: readonly Disagreement[],
  how: 'listed' | 'found' = 'listed',
) {
  return auditReads(
    database,
    shown.map((disagreement) =>
      auditFacts(context, now, `disagreement.${how}`, {
        type: 'disagreement',
        id: disagreement.id,
        partnershipId: disagreement.partnershipId,
      }),
    ),
  );
}

export type CaseView = LoadedCase & { abilities: Record<CaseAction, boolean> };
export type ListedCase = { disagreement: Disagreement; rules: LoadedRules };

/** One case, if the person may see it; the read is audited. */
export async function getDisagreement(
  deps: CaseDeps,
  id: string,
  context: RequestContext,
): Promise<CaseView> {
  const now = deps.clock.now();
  return refusalsAudited(deps, { caseId: id, action: 'viewed' }, context, () =>
    readCaseAudited(deps, context, now, 'disagreement.viewed', async (trx) => {
      const loaded = await loadVisibleCase(trx, id, context, now);
      const abilities = Object.fromEntries(
        caseActions.map((action) => [action, can(loaded.actor, action, loaded.access)]),
      ) as Record<CaseAction, boolean>;
      return { disagreement: loaded.disagreement, result: { ...loaded, abilities } };
    }),
  );
}

export type ListQuery = CaseQuery & { limit: number; cursor?: string | undefined };

/**
 * The cases a person may see that a query finds, a sorted page at a time (newest first unless
 * asked otherwise). Every case shown is an audited read: "listed", or "found" for a search, by
 * its id and never by the words searched for.
 */
export async function listDisagreements(
  deps: CaseDeps,
  query: ListQuery,
  context: RequestContext,
): Promise<{ items: ListedCase[]; nextCursor: string | null }> {
  const actor = context.actor;
  if (!actor) throw new NotFound('There is nothing to list');
  const now = deps.clock.now();
  const sort = query.sort ?? 'newest';
  const listed = await readTogether(deps.database, async (trx) => {
    const partnership = actor.partnershipId
      ? await partnershipRepository(trx).get(actor.partnershipId)
      : undefined;
    if (!partnership) return { items: [], nextCursor: null };
    const found = await disagreementRepository(trx).listVisible(
      await visibilityOf(trx, actor),
      filterOf(query, calendarOf(partnership), now),
      {
        sort,
        limit: query.limit + 1,
        cursor: query.cursor ? decodeCursor(query.cursor, sort) : undefined,
      },
    );
    const page = found.slice(0, query.limit);
    const rulesOf = rulesCache(trx, now, partnership);
    const items: ListedCase[] = [];
    for (const disagreement of page) {
      items.push({ disagreement, rules: await rulesOf(disagreement) });
    }
    const last = page.at(-1);
    return {
      items,
      nextCursor: found.length > query.limit && last ? encodeCursor(last, sort) : null,
    };
  });
  await auditListed(
    deps.database,
    context,
    now,
    listed.items.map((item) => item.disagreement),
    isSearch(query) ? 'found' : 'listed',
  );
  return listed;
}

export type WaitingItem = {
  disagreement: Disagreement;
  rules: LoadedRules;
  /** What the case asks of the person, each with its due time. */
  asks: WaitingAsk[];
  /** What the person is asked to do, in words (each ask's). */
  reasons: string[];
  /** The soonest time that matters to the person: their action's due time or the stage's. */
  dueAt: string | null;
  /** The names of the case's agencies: the raising agency's and the others'. */
  agencyNames: { raiser: string; others: string[] };
};

/**
 * What needs the person's action now: outcomes their agency must confirm, open cases they
 * stand on a side of, and actions they own; soonest due first. A fixed few queries whatever
 * the number of cases: the cases by their indexes, the people of their agencies once, the
 * partnership's agencies once, the rules once per protocol version and pathway, and one audit
 * append.
 */
export async function waitingFor(
  deps: CaseDeps,
  context: RequestContext,
  options: { audit: boolean } = { audit: true },
): Promise<WaitingItem[]> {
  const actor = context.actor;
  if (!actor) return [];
  const now = deps.clock.now();
  const items = await readTogether(deps.database, async (trx) => {
    const repository = disagreementRepository(trx);
    const visible = await repository.openConcerning(await visibilityOf(trx, actor), actor.agencyId);
    if (visible.length === 0) return [];
    const rulesOf = rulesCache(trx, now);
    const atStages = [];
    for (const disagreement of visible) {
      const rules = await rulesOf(disagreement);
      const current = currentStage(disagreement);
      atStages.push({
        disagreement,
        rules,
        stage: current ? stageOf(rules.ladder, current.key) : undefined,
      });
    }
    // Only whom these cases' stages may ask to act (this runs for the header on every page):
    // never every person of their agencies.
    const people = await peopleRepository(trx).sought(stagePeopleSought(atStages, actor.personId));
    // Their kinds: a stage may name other people for an agency of some kind.
    const agencies = actor.partnershipId
      ? await organisationRepository(trx).agencies(actor.partnershipId)
      : [];
    const agencyName = new Map(agencies.map((agency) => [agency.id, agency.name]));
    const nameOf = (id: string) => agencyName.get(id) ?? 'an agency no longer in the directory';
    const items: WaitingItem[] = [];
    for (const { disagreement, rules } of atStages) {
      const asks = waitingAsks(disagreement, rules, actor, { people, agencies });
      if (asks.length === 0) continue;
      const dues = asks.flatMap((ask) => (ask.dueAt ? [ask.dueAt] : []));
      const dueAt = dues.sort((a, b) => Temporal.Instant.compare(a, b))[0] ?? null;
      items.push({
        disagreement,
        rules,
        asks,
        reasons: asks.map((ask) => ask.action),
        dueAt,
        agencyNames: {
          raiser: nameOf(disagreement.raiserAgencyId),
          others: disagreement.otherAgencyIds.map(nameOf),
        },
      });
    }
    return items.sort((a, b) =>
      a.dueAt === null ? 1 : b.dueAt === null ? -1 : Temporal.Instant.compare(a.dueAt, b.dueAt),
    );
  });
  if (options.audit) {
    await auditListed(
      deps.database,
      context,
      now,
      items.map((item) => item.disagreement),
    );
  }
  return items;
}

/**
 * How many things wait for the person, for the header: each thing asked (a row of Waiting for
 * you). A count shows no case, so is not audited.
 */
export async function waitingCount(deps: CaseDeps, context: RequestContext): Promise<number> {
  const items = await waitingFor(deps, context, { audit: false });
  return items.reduce((count, item) => count + item.asks.length, 0);
}

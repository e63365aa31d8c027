import type { Kysely } from 'kysely';
import { auditRepository } from '../../db/repositories/auditRepository.ts';
import { peopleRepository } from '../../db/repositories/peopleRepository.ts';
import { subjectAccessRepository } from '../../db/repositories/subjectAccessRepository.ts';
import type { DatabaseSchema } from '../../db/schema.ts';
import type { Person } from '../../domain/directory/directory.ts';
import type { Disagreement } from '../../domain/disagreement/disagreement.ts';
import { Invalid } from '../../domain/errors.ts';
import { caseChangeActions } from '../../domain/subjectAccess/caseChangeActions.ts';
import {
  type ChildSearch,
  childrenSearchedFor,
  childSearchWords,
} from '../../domain/subjectAccess/childSearch.ts';
import type { CaseDeps } from '../caseDeps.ts';
import { type LoadedRules, rulesCache } from '../caseRules.ts';
import { ownPartnershipTeam } from '../partnershipTeamOnly.ts';
import { auditFacts, type RequestContext } from '../requestContext.ts';

type Db = Kysely<DatabaseSchema>;

export const subjectAccessRefusal = 'Only the partnership team can answer a subject-access request';

/** The partnership team asking, and its partnership: everyone else is refused first. */
export const subjectAccessTeam = (context: RequestContext) =>
  ownPartnershipTeam(context.actor, subjectAccessRefusal);

/** A case found for a subject-access request, as the results list it. */
export type FoundCase = {
  disagreement: Disagreement;
  rules: LoadedRules;
  /** The children on it who may be the child searched for; none for a professional. */
  children: Disagreement['children'];
};

/** What a subject-access search or export records: only the ids of what it found. */
export function auditSubjectAccess(
  db: Db,
  context: RequestContext,
  now: Temporal.Instant,
  action: 'subject-access.searched' | 'subject-access.exported',
  found: { partnershipId: string; caseIds: readonly string[]; personId?: string },
) {
  const record = (type: string, id: string) =>
    auditFacts(context, now, action, { type, id, partnershipId: found.partnershipId });
  const entries = [
    ...(found.personId ? [record('person', found.personId)] : []),
    ...found.caseIds.map((id) => record('disagreement', id)),
  ];
  // Finding nothing is a search too: it is recorded against the partnership.
  return auditRepository(db).appendMany(
    entries.length > 0 ? entries : [record('partnership', found.partnershipId)],
  );
}

/** The people of the partnership a request may be about (a directory read, audited as one). */
export async function subjectAccessPeople(
  deps: CaseDeps,
  context: RequestContext,
): Promise<Person[]> {
  const { partnershipId } = subjectAccessTeam(context);
  return deps.database.db.transaction().execute(async (trx) => {
    await auditRepository(trx).append(
      auditFacts(context, deps.clock.now(), 'people.read', {
        type: 'partnership',
        id: partnershipId,
        partnershipId,
      }),
    );
    return peopleRepository(trx).inPartnership(partnershipId);
  });
}

/**
 * The partnership's cases naming a child: found through the case search index by every word
 * of the name (exact, folded), then kept where one child on the case has those names and the
 * date of birth (childSearch.ts). Never reads a case the index did not find.
 */
export async function casesNamingChild(
  db: Db,
  partnershipId: string,
  search: ChildSearch,
  now: Temporal.Instant,
): Promise<FoundCase[]> {
  const candidates = await subjectAccessRepository(db).casesIndexedByAll(
    partnershipId,
    childSearchWords(search),
  );
  const rulesOf = rulesCache(db, now);
  const found: FoundCase[] = [];
  for (const disagreement of candidates) {
    const children = childrenSearchedFor(disagreement, search);
    if (children.length > 0) {
      found.push({ disagreement, rules: await rulesOf(disagreement), children });
    }
  }
  return found;
}

/** A person of the partnership, chosen from its directory; anyone else is not a choice. */
export async function personOfPartnership(db: Db, partnershipId: string, personId: string) {
  const person = personId ? await peopleRepository(db).get(personId) : undefined;
  if (!person || person.partnershipId !== partnershipId) {
    throw new Invalid('Choose a person from the partnership’s directory', [
      { path: 'personId', message: 'Choose the person the request is about' },
    ]);
  }
  return person;
}

/** The partnership's cases that name a person (id and reference), oldest first. */
export function casesNamingPerson(db: Db, partnershipId: string, personId: string) {
  return subjectAccessRepository(db).casesNaming(partnershipId, personId, caseChangeActions);
}

/** The cases a child's subject-access request finds; the search is audited by their ids. */
export async function findChildSubject(
  deps: CaseDeps,
  search: ChildSearch,
  context: RequestContext,
): Promise<{ cases: FoundCase[] }> {
  const { partnershipId } = subjectAccessTeam(context);
  const now = deps.clock.now();
  return deps.database.db.transaction().execute(async (trx) => {
    const cases = await casesNamingChild(trx, partnershipId, search, now);
    await auditSubjectAccess(trx, context, now, 'subject-access.searched', {
      partnershipId,
      caseIds: cases.map((found) => found.disagreement.id),
    });
    return { cases };
  });
}

/** How many of a person's cases the results page lists; the export holds every one. */
export const LISTED_CASES = 200;

/**
 * The cases naming a professional (the first LISTED_CASES of them, and how many in all); the
 * search is audited by the person's id and the ids of every case found.
 */
export async function findProfessionalSubject(
  deps: CaseDeps,
  input: { personId: string },
  context: RequestContext,
): Promise<{ person: Person; cases: FoundCase[]; total: number }> {
  const { partnershipId } = subjectAccessTeam(context);
  const now = deps.clock.now();
  return deps.database.db.transaction().execute(async (trx) => {
    const person = await personOfPartnership(trx, partnershipId, input.personId);
    const ids = (await casesNamingPerson(trx, partnershipId, person.id)).map((c) => c.id);
    await auditSubjectAccess(trx, context, now, 'subject-access.searched', {
      partnershipId,
      caseIds: ids,
      personId: person.id,
    });
    const rulesOf = rulesCache(trx, now);
    const cases: FoundCase[] = [];
    for await (const disagreement of subjectAccessRepository(trx).cases(
      ids.slice(0, LISTED_CASES),
    )) {
      cases.push({ disagreement, rules: await rulesOf(disagreement), children: [] });
    }
    return { person, cases, total: ids.length };
  });
}

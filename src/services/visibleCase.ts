import type { Kysely } from 'kysely';
import { disagreementRepository } from '../db/repositories/disagreementRepository.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import { type Actor, type CaseAccess, can } from '../domain/access/can.ts';
import type { Disagreement } from '../domain/disagreement/disagreement.ts';
import { NotFound } from '../domain/errors.ts';
import { caseAccessOf } from './caseAccess.ts';
import { type LoadedRules, rulesFor } from './caseRules.ts';
import type { RequestContext } from './requestContext.ts';

type Db = Kysely<DatabaseSchema>;

export type LoadedCase = {
  disagreement: Disagreement;
  rules: LoadedRules;
  access: CaseAccess;
  actor: Actor;
};

/** A case that does not exist or that the person may not see: one answer, so none reveals it. */
export class CaseNotVisible extends NotFound {
  constructor() {
    super('There is no such disagreement, or you cannot see it');
  }
}

const notFound = () => new CaseNotVisible();

/** The case if the person may see it; a NotFound otherwise, whether or not it exists. */
export async function loadVisibleCase(
  db: Db,
  id: string,
  context: RequestContext,
  now: Temporal.Instant,
): Promise<LoadedCase> {
  const actor = context.actor;
  if (!actor) throw notFound();
  const disagreement = await disagreementRepository(db).get(id);
  if (!disagreement) throw notFound();
  const rules = await rulesFor(db, disagreement, now);
  const access = await caseAccessOf(db, disagreement, rules);
  if (!can(actor, 'view', access)) throw notFound();
  return { disagreement, rules, access, actor };
}

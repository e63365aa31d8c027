import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../db/database.ts';
import { accountAdminRepository } from '../db/repositories/accountAdminRepository.ts';
import { accountRepository } from '../db/repositories/accountRepository.ts';
import { auditRepository } from '../db/repositories/auditRepository.ts';
import { peopleRepository } from '../db/repositories/peopleRepository.ts';
import { sessionRepository } from '../db/repositories/sessionRepository.ts';
import { canManageAccounts } from '../domain/access/can.ts';
import { hashPassword } from '../domain/accounts/passwordHash.ts';
import { passwordProblem } from '../domain/accounts/passwordRules.ts';
import { type Clock, isoInstant } from '../domain/clock.ts';
import { Forbidden, Invalid, NotFound } from '../domain/errors.ts';
import { auditFacts, type RequestContext } from './requestContext.ts';

// One-time links with which a person sets (or resets) their own password. An administrator
// creates one and passes it on; until e-mail arrives, that is how local accounts start.

export const PASSWORD_LINK_HOURS = 24;
export const hashLink = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createPasswordLink(
  deps: { database: Database; clock: Clock },
  personId: string,
  context: RequestContext,
): Promise<string> {
  if (context.actor && !canManageAccounts(context.actor))
    throw new Forbidden('Only an administrator can do that');
  const person = await peopleRepository(deps.database.db).get(personId);
  if (!person?.active) throw new NotFound('There is no such person');
  const token = randomBytes(32).toString('base64url');
  const now = deps.clock.now();
  await deps.database.db.transaction().execute(async (trx) => {
    await accountRepository(trx).insertPasswordLink(
      hashLink(token),
      person.id,
      isoInstant(now.add({ hours: PASSWORD_LINK_HOURS })),
      { createdAt: isoInstant(now) },
    );
    await auditRepository(trx).append(
      auditFacts(context, now, 'password-link.created', {
        type: 'person',
        id: person.id,
        partnershipId: person.partnershipId,
      }),
    );
  });
  return token;
}

/** Who a link is for, if it can still be used. */
export async function personForPasswordLink(
  deps: { database: Database; clock: Clock },
  token: string,
): Promise<{ personId: string; name: string; email: string } | undefined> {
  const link = await accountRepository(deps.database.db).passwordLink(hashLink(token));
  if (
    !link ||
    link.used_at ||
    Temporal.Instant.compare(Temporal.Instant.from(link.expires_at), deps.clock.now()) <= 0
  ) {
    return undefined;
  }
  const person = await peopleRepository(deps.database.db).get(link.person_id);
  return person?.active
    ? { personId: person.id, name: person.name, email: person.email }
    : undefined;
}

/** Sets the password from a link, once; every other session of the person ends. */
export async function setPasswordWithLink(
  deps: { database: Database; clock: Clock },
  input: { token: string; password: string },
  context: RequestContext,
): Promise<void> {
  const person = await personForPasswordLink(deps, input.token);
  if (!person) throw new NotFound('This link has expired or has been used');
  const problem = passwordProblem(input.password, { email: person.email, name: person.name });
  if (problem) throw new Invalid(problem, [{ path: 'password', message: problem }]);
  const hash = await hashPassword(input.password);
  const now = deps.clock.now();
  await deps.database.db.transaction().execute(async (trx) => {
    const accounts = accountRepository(trx);
    if (!(await accounts.usePasswordLink(hashLink(input.token), isoInstant(now)))) {
      throw new NotFound('This link has expired or has been used');
    }
    await accounts.setPasswordHash(person.personId, hash, isoInstant(now));
    // The link is spent: the e-mail that carried it keeps no copy.
    await accountAdminRepository(trx).retireInvitationMessages(person.personId, isoInstant(now));
    await sessionRepository(trx).deleteForPerson(person.personId);
    await auditRepository(trx).append({
      ...auditFacts(context, now, 'password.set', {
        type: 'person',
        id: person.personId,
        partnershipId: null,
      }),
      actorId: person.personId,
    });
  });
}

import type { Database } from '../db/database.ts';
import { accountAdminRepository } from '../db/repositories/accountAdminRepository.ts';
import { accountRepository } from '../db/repositories/accountRepository.ts';
import { auditRepository } from '../db/repositories/auditRepository.ts';
import { peopleRepository } from '../db/repositories/peopleRepository.ts';
import type { OidcIdentity } from '../domain/accounts/oidcIdentity.ts';
import { type Clock, isoInstant } from '../domain/clock.ts';
import { auditFacts, type RequestContext } from './requestContext.ts';

export type { OidcIdentity };

export type OidcSignInResult =
  | { outcome: 'signed-in'; personId: string }
  | {
      outcome: 'refused';
      reason: 'not-in-directory' | 'email-not-verified' | 'linked-to-another' | 'inactive';
    };

/**
 * Signs a person in with their organisation's account. The first time, they are found by an
 * e-mail address the provider verified (or the trusted Entra tenant gave: oidcIdentity.ts)
 * and their provider identity is linked; from then on they are found by that identity
 * alone, never by e-mail again.
 */
export async function signInWithOidc(
  deps: { database: Database; clock: Clock },
  identity: OidcIdentity,
  context: RequestContext,
): Promise<OidcSignInResult> {
  const now = deps.clock.now();
  return deps.database.db.transaction().execute(async (trx) => {
    const accounts = accountRepository(trx);
    const people = peopleRepository(trx);
    const audit = auditRepository(trx);
    const refuse = async (
      reason: Extract<OidcSignInResult, { outcome: 'refused' }>['reason'],
      personId: string | null,
    ) => {
      await audit.append(
        auditFacts(
          context,
          now,
          'sign-in.failed',
          { type: 'person', id: personId, partnershipId: null },
          `oidc: ${reason}`,
        ),
      );
      return { outcome: 'refused' as const, reason };
    };

    let personId = await accounts.personForIdentity(identity.issuer, identity.subject);
    if (!personId) {
      if (!identity.email || !identity.emailTrusted) return refuse('email-not-verified', null);
      const person = await people.findByEmail(identity.email);
      if (!person) return refuse('not-in-directory', null);
      if (await accounts.identityOf(person.id, identity.issuer))
        return refuse('linked-to-another', person.id);
      await accounts.linkIdentity(identity.issuer, identity.subject, person.id, isoInstant(now));
      await audit.append(
        auditFacts(context, now, 'identity.linked', {
          type: 'person',
          id: person.id,
          partnershipId: person.partnershipId,
        }),
      );
      personId = person.id;
    }
    const person = await people.get(personId);
    if (!person?.active) return refuse('inactive', personId);
    await accountAdminRepository(trx).recordSignIn(person.id, isoInstant(now));
    await audit.append({
      ...auditFacts(
        context,
        now,
        'sign-in.succeeded',
        { type: 'person', id: person.id, partnershipId: person.partnershipId },
        'oidc',
      ),
      actorId: person.id,
    });
    return { outcome: 'signed-in', personId: person.id };
  });
}

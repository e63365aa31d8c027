import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import {
  type AccountRow,
  accountAdminRepository,
  type PendingInvitation,
} from '../db/repositories/accountAdminRepository.ts';
import { accountRepository } from '../db/repositories/accountRepository.ts';
import { auditRepository } from '../db/repositories/auditRepository.ts';
import { outboxRepository } from '../db/repositories/outboxRepository.ts';
import { sessionRepository } from '../db/repositories/sessionRepository.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import { canManageAccounts } from '../domain/access/can.ts';
import type { AuditAction } from '../domain/audit/auditActions.ts';
import { type Clock, isoInstant } from '../domain/clock.ts';
import { Forbidden, Invalid, NotFound } from '../domain/errors.ts';
import { invitationMessage } from '../notify/accountMessages.ts';
import { DEFAULT_BASE_URL } from './caseDeps.ts';
import { invitationKey } from './messages/messageKeys.ts';
import { hashLink } from './passwordLinks.ts';
import { refreshInvolvement } from './refreshInvolvement.ts';
import { auditFacts, type RequestContext } from './requestContext.ts';

// The administrators' care of accounts (product.md: accounts, single sign-on, tokens,
// backups; no case content): who has signed in and when, invitations by e-mail, and
// deactivating and reactivating accounts. "Active" is the directory's own flag: an inactive
// person cannot sign in by any means, their sessions end, their tokens stop working and they
// are sent nothing (loadActor, signInWithPassword, signInWithOidc, queueMessages).

type Deps = { database: Database; clock: Clock; baseUrl?: string | undefined };

/** How long an invitation's link works: a week, since people do not read e-mail every day. */
export const INVITATION_DAYS = 7;

function administrator(context: RequestContext) {
  if (!context.actor || !canManageAccounts(context.actor)) {
    throw new Forbidden('Only an administrator can manage accounts');
  }
  return context.actor;
}

export type AccountListing = AccountRow & { invitation: PendingInvitation | undefined };

/** Everyone's accounts (or one partnership's, or those never signed in), with invitations. */
export async function listAccounts(
  deps: Deps,
  filter: { partnershipId?: string | undefined; neverSignedIn?: boolean },
  context: RequestContext,
): Promise<AccountListing[]> {
  administrator(context);
  const now = deps.clock.now();
  // People are personal data: reading them is audited, as the directory's reads are.
  return deps.database.db.transaction().execute(async (trx) => {
    await auditRepository(trx).append(
      auditFacts(context, now, 'people.read', {
        type: 'partnership',
        id: filter.partnershipId ?? null,
        partnershipId: filter.partnershipId ?? null,
      }),
    );
    const repository = accountAdminRepository(trx);
    const invitations = new Map(
      (await repository.pendingInvitations(isoInstant(now))).map((i) => [i.personId, i]),
    );
    return (await repository.accounts(filter)).map((account) => ({
      ...account,
      invitation: invitations.get(account.id),
    }));
  });
}

/** One person's account, for its page. */
export async function readAccount(
  deps: Deps,
  personId: string,
  context: RequestContext,
): Promise<AccountListing> {
  administrator(context);
  const now = deps.clock.now();
  return deps.database.db.transaction().execute(async (trx) => {
    const repository = accountAdminRepository(trx);
    const account = await repository.account(personId);
    if (!account) throw new NotFound('There is no such person');
    await audit(trx, context, now, 'person.read', account);
    const [invitation] = await repository.pendingInvitations(isoInstant(now), personId);
    return { ...account, invitation };
  });
}

/**
 * Sends the person an invitation: a new set-password link, by e-mail through the outbox. Any
 * link they had stops working, and an invitation not yet sent is not sent. The link is in the
 * e-mail only: never in the audit log, the logs or the page.
 */
export async function sendInvitation(
  deps: Deps,
  personId: string,
  context: RequestContext,
): Promise<{ email: string; resent: boolean }> {
  administrator(context);
  const now = deps.clock.now();
  const at = isoInstant(now);
  return deps.database.db.transaction().execute(async (trx) => {
    const repository = accountAdminRepository(trx);
    const account = await repository.account(personId);
    if (!account) throw new NotFound('There is no such person');
    if (!account.active) {
      throw new Invalid('Reactivate their account before you invite them', [
        { path: 'invitation', message: 'Reactivate their account before you invite them' },
      ]);
    }
    const resent = (await repository.pendingInvitations(at, personId)).length > 0;
    await repository.dropUnusedLinks(personId);
    await repository.retireInvitationMessages(personId, at);
    const token = randomBytes(32).toString('base64url');
    const tokenHash = hashLink(token);
    const expires = now.add({ hours: INVITATION_DAYS * 24 });
    await accountRepository(trx).insertPasswordLink(tokenHash, personId, isoInstant(expires), {
      createdAt: at,
      purpose: 'invitation',
    });
    const link = `${(deps.baseUrl ?? DEFAULT_BASE_URL).replace(/\/$/, '')}/set-password/${token}`;
    const message = invitationMessage({ name: account.name, link, expires });
    await outboxRepository(trx).enqueue(
      [
        {
          kind: 'invitation',
          dedupeKey: invitationKey(tokenHash),
          partnershipId: account.partnershipId,
          disagreementId: null,
          personId,
          recipient: account.email,
          ...message,
        },
      ],
      at,
    );
    await audit(trx, context, now, resent ? 'invitation.resent' : 'invitation.sent', account);
    return { email: account.email, resent };
  });
}

/** The person's invitation stops working, and one not yet sent is not sent. */
export async function revokeInvitation(
  deps: Deps,
  personId: string,
  context: RequestContext,
): Promise<void> {
  administrator(context);
  const now = deps.clock.now();
  await deps.database.db.transaction().execute(async (trx) => {
    const repository = accountAdminRepository(trx);
    const account = await repository.account(personId);
    if (!account) throw new NotFound('There is no such person');
    if ((await repository.pendingInvitations(isoInstant(now), personId)).length === 0) {
      throw new Invalid('They have no invitation to revoke', [
        { path: 'invitation', message: 'They have no invitation to revoke' },
      ]);
    }
    await repository.dropUnusedLinks(personId);
    await repository.retireInvitationMessages(personId, isoInstant(now));
    await audit(trx, context, now, 'invitation.revoked', account);
  });
}

/**
 * Deactivates or reactivates an account. Deactivating ends the person's sessions, stops their
 * links and unsent e-mail, and (through loadActor) their API tokens; nobody can deactivate
 * themself, so an administrator never locks out the last administrator by accident.
 */
export async function setAccountActive(
  deps: Deps,
  input: { personId: string; active: boolean },
  context: RequestContext,
): Promise<void> {
  const actor = administrator(context);
  if (!input.active && actor.personId === input.personId) {
    throw new Invalid('You cannot deactivate your own account', [
      { path: 'active', message: 'You cannot deactivate your own account' },
    ]);
  }
  const now = deps.clock.now();
  const at = isoInstant(now);
  await deps.database.db.transaction().execute(async (trx) => {
    const repository = accountAdminRepository(trx);
    const account = await repository.account(input.personId);
    if (!account) throw new NotFound('There is no such person');
    if (account.active === input.active) return;
    await repository.setActive(input.personId, input.active);
    if (!input.active) {
      await sessionRepository(trx).deleteForPerson(input.personId);
      await repository.dropUnusedLinks(input.personId);
      await repository.retireInvitationMessages(input.personId, at);
      await outboxRepository(trx).drop({ personId: input.personId }, at);
    }
    // Who is assigned to cases depends on who is active.
    if (account.partnershipId) {
      await refreshInvolvement(trx, account.partnershipId, [account.agencyId], now);
    }
    await audit(
      trx,
      context,
      now,
      input.active ? 'person.reactivated' : 'person.deactivated',
      account,
    );
  });
}

async function audit(
  trx: Kysely<DatabaseSchema>,
  context: RequestContext,
  now: Temporal.Instant,
  action: AuditAction,
  account: AccountRow,
) {
  await auditRepository(trx).append(
    auditFacts(context, now, action, {
      type: 'person',
      id: account.id,
      partnershipId: account.partnershipId,
    }),
  );
}

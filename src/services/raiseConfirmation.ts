import { organisationRepository } from '../db/repositories/organisationRepository.ts';
import { outboxRepository } from '../db/repositories/outboxRepository.ts';
import { peopleRepository } from '../db/repositories/peopleRepository.ts';
import { readCaseAudited } from './auditCase.ts';
import { refusalsAudited } from './auditRefusal.ts';
import type { CaseDeps } from './caseDeps.ts';
import { caseVersionKeyPrefix } from './messages/messageKeys.ts';
import type { RequestContext } from './requestContext.ts';
import { type LoadedCase, loadVisibleCase } from './visibleCase.ts';

/** Someone the raise told: a person of the directory, or a team's own inbox. */
export type Told =
  | {
      kind: 'person';
      name: string;
      jobTitle: string | null;
      agency: string | null;
      inSummary: boolean;
    }
  | { kind: 'team'; address: string; inSummary: boolean };

/** The raise of a case that was read: the case, and whom raising it told. */
export type RaiseConfirmation = LoadedCase & { agencyNames: Map<string, string>; told: Told[] };

/**
 * A case as raising left it, for its confirmation page: to anyone who may see it (404
 * otherwise; the read audited like the case page's), with the people its raise actually
 * queued messages for (the outbox's messages of version 1), not whom it might have told.
 */
export async function raiseConfirmation(
  deps: CaseDeps,
  id: string,
  context: RequestContext,
): Promise<RaiseConfirmation> {
  const now = deps.clock.now();
  return refusalsAudited(deps, { caseId: id, action: 'viewed' }, context, () =>
    readCaseAudited(deps, context, now, 'disagreement.viewed', async (trx) => {
      const loaded = await loadVisibleCase(trx, id, context, now);
      const recipients = await outboxRepository(trx).recipientsOf(
        id,
        caseVersionKeyPrefix({ id, version: 1 }),
      );
      const people = new Map(
        (
          await peopleRepository(trx).getMany(
            recipients.flatMap((recipient) => (recipient.personId ? [recipient.personId] : [])),
          )
        ).map((person) => [person.id, person]),
      );
      const agencies = await organisationRepository(trx).agencies(
        loaded.disagreement.partnershipId,
      );
      const agencyNames = new Map(agencies.map((agency) => [agency.id, agency.name]));
      const told = recipients.flatMap((recipient): Told[] => {
        if (!recipient.personId) {
          return [{ kind: 'team', address: recipient.recipient, inSummary: recipient.inSummary }];
        }
        const person = people.get(recipient.personId);
        if (!person) return [];
        return [
          {
            kind: 'person',
            name: person.name,
            jobTitle: person.jobTitle,
            agency: person.agencyId ? (agencyNames.get(person.agencyId) ?? null) : null,
            inSummary: recipient.inSummary,
          },
        ];
      });
      return { disagreement: loaded.disagreement, result: { ...loaded, agencyNames, told } };
    }),
  );
}

import type { Disagreement } from '../disagreement/caseDocument.ts';

/**
 * What a case keeps when its partnership's retention period has run out (product.md point 12):
 * every field of the case document, by its path (`stages[].reason`: a field of each stage), is
 * kept or purged. Purged are the free texts and every detail of a child or family; kept are ids,
 * enumerations, times and outcomes, so every report figure stays as it was. A purged text
 * becomes "" (a missing one stays null), a purged list [] (api.md: the case keeps its shape).
 * A list or object purged as a whole is not looked into. caseDocumentRetention.test.ts fails
 * for a field of caseDocument.ts that is not named here.
 */
export type Retention = 'kept' | 'purged';

export const caseDocumentRetention: Readonly<Record<string, Retention>> = {
  documentVersion: 'kept',
  id: 'kept',
  reference: 'kept',
  version: 'kept',
  partnershipId: 'kept',
  protocolId: 'kept',
  protocolVersion: 'kept',
  localAuthorityId: 'kept',
  status: 'kept',
  urgent: 'kept',
  category: 'kept',
  pathway: 'kept',
  raisedAt: 'kept',
  raisedBy: 'kept',
  raiserAgencyId: 'kept',
  otherAgencyIds: 'kept',
  otherPersonId: 'kept',
  children: 'purged',
  summary: 'purged',
  impactOnChild: 'purged',
  desiredOutcome: 'purged',
  evidence: 'purged',
  'family.parents': 'purged',
  'family.address': 'purged',
  // The date of the referral to children's social care: a time, and no one's name.
  referralDate: 'kept',
  agenciesInvolved: 'purged',
  'stages[].key': 'kept',
  'stages[].startedAt': 'kept',
  'stages[].dueAt': 'kept',
  // Worked out from the protocol and the calendar ("10 working days: by 5pm on …"), never typed.
  'stages[].dueReasons.explanation': 'kept',
  'stages[].dueReasons.parts[].kind': 'kept',
  'stages[].dueReasons.parts[].dueAt': 'kept',
  'stages[].dueReasons.parts[].text': 'kept',
  'stages[].dueReasons.met': 'kept',
  // Worked out from the working time's change ("Re-projected on … because …"), never typed.
  'stages[].dueReasons.reprojected': 'kept',
  'stages[].endedAt': 'kept',
  'stages[].outcome': 'kept',
  'stages[].enteredBy': 'kept',
  'stages[].reason': 'purged',
  'stages[].writtenAccount': 'purged',
  'records[].id': 'kept',
  'records[].stageKey': 'kept',
  'records[].occurredAt': 'kept',
  'records[].mode': 'kept',
  // Typed names: a parent may have taken part.
  'records[].participants': 'purged',
  'records[].summary': 'purged',
  'records[].recordedBy': 'kept',
  'records[].recordedAt': 'kept',
  'actions[].id': 'kept',
  'actions[].description': 'purged',
  'actions[].ownerId': 'kept',
  'actions[].dueAt': 'kept',
  'actions[].completedAt': 'kept',
  'actions[].createdBy': 'kept',
  'actions[].createdAt': 'kept',
  'actions[].proposalId': 'kept',
  'resolution.id': 'kept',
  'resolution.agreedOutcome': 'purged',
  'resolution.proposedBy': 'kept',
  'resolution.proposedByAgencyId': 'kept',
  'resolution.proposedAt': 'kept',
  'resolution.confirmations[].agencyId': 'kept',
  'resolution.confirmations[].personId': 'kept',
  'resolution.confirmations[].at': 'kept',
  'childDeadline.dueAt': 'kept',
  'childDeadline.reason': 'purged',
  'childDeadline.setBy': 'kept',
  'childDeadline.setAt': 'kept',
  monitoringNotifiedAt: 'kept',
  resolvedAt: 'kept',
  closedAt: 'kept',
  withdrawnReason: 'purged',
  'lessons[].id': 'kept',
  'lessons[].themes': 'kept',
  'lessons[].text': 'purged',
  'lessons[].source': 'kept',
  'lessons[].recordedAt': 'kept',
  'lessons[].recordedBy': 'kept',
  'partnershipTold.at': 'kept',
  'partnershipTold.by': 'kept',
  'partnershipTold.reason': 'purged',
  'acknowledged.at': 'kept',
  'acknowledged.by': 'kept',
  'meetings[].id': 'kept',
  'meetings[].stageKey': 'kept',
  'meetings[].stageIndex': 'kept',
  'meetings[].chairId': 'kept',
  'meetings[].startsAt': 'kept',
  'meetings[].endsAt': 'kept',
  'meetings[].place': 'purged',
  'meetings[].venue': 'kept',
  'meetings[].attendeeIds': 'kept',
  'meetings[].arrangedBy': 'kept',
  'meetings[].arrangedAt': 'kept',
  'meetings[].minutes': 'purged',
  'meetings[].minutesBy': 'kept',
  'meetings[].minutesAt': 'kept',
  'history[].at': 'kept',
  'history[].kind': 'kept',
  'history[].personId': 'kept',
  'history[].text': 'purged',
  createdAt: 'kept',
  updatedAt: 'kept',
  purgedAt: 'kept',
};

function purgedValue(value: unknown): unknown {
  if (value === null) return null;
  if (Array.isArray(value)) return [];
  if (typeof value === 'string') return '';
  throw new Error(`a purged field must be text or a list, not ${typeof value}`);
}

function purgeAt(value: unknown, path: string): unknown {
  if (caseDocumentRetention[path] === 'purged') return purgedValue(value);
  if (Array.isArray(value)) return value.map((item) => purgeAt(item, `${path}[]`));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, field]) => [
        key,
        purgeAt(field, path === '' ? key : `${path}.${key}`),
      ]),
    );
  }
  return value;
}

/**
 * The case as it is kept after its retention period: its purged fields emptied, when, and a
 * version on, so that a page opened before cannot save over it.
 */
export function purgedCase(disagreement: Disagreement, at: string): Disagreement {
  return {
    ...(purgeAt(disagreement, '') as Disagreement),
    version: disagreement.version + 1,
    purgedAt: at,
  };
}

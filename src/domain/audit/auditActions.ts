import type { HistoryKind } from '../disagreement/caseDocument.ts';

/**
 * Every action the audit log records, and how the audit trail page says it: past tense, the
 * person who did it named beside it ("Escalated the disagreement"). `auditFacts` takes only an
 * AuditAction, so an action written without words here does not typecheck.
 */

/**
 * A change of a case: a history kind, recording a discussion (kept as a record), or completing
 * the monitoring form's own questions (kept beside the case: monitoringAnswers.ts).
 */
export type CaseChange = HistoryKind | 'discussion-recorded' | 'monitoring-form-completed';

const caseChangeWords: Record<CaseChange, string> = {
  raised: 'Raised the disagreement',
  escalated: 'Escalated the disagreement',
  'outcome-proposed': 'Proposed an outcome',
  'outcome-confirmed': 'Confirmed the proposed outcome',
  'outcome-rejected': 'Rejected the proposed outcome',
  resolved: 'Resolved the disagreement',
  'child-deadline-set': "Set a deadline for the child's safety",
  'child-deadline-cleared': "Removed the deadline for the child's safety",
  'action-added': 'Agreed an action',
  'action-completed': 'Marked an action as done',
  withdrawn: 'Withdrew the disagreement',
  closed: 'Closed the disagreement',
  reprojected: 'Worked out the due time again after the working time changed',
  'monitoring-notified': 'Told the partnership team for monitoring',
  'next-level-told': 'Told the next level',
  'meeting-arranged': 'Arranged a meeting',
  'minutes-recorded': "Recorded a meeting's minutes",
  'partnership-told': 'Told the partnership team',
  acknowledged: 'Acknowledged the disagreement in the monitoring inbox',
  'lesson-referred': 'Referred a lesson',
  'discussion-recorded': 'Recorded a discussion',
  'monitoring-form-completed': 'Completed the monitoring form',
};

/** Reads of one case, and what each is in words. */
const caseReadWords = {
  viewed: 'Read the case',
  'summary-read': "Downloaded the case summary for an agency's records",
  'monitoring-form-read': 'Downloaded the monitoring form',
  'meeting-calendar-read': "Downloaded a meeting's calendar invitation",
  exported: 'Exported the case',
  purged: "Removed the case's details under the retention policy",
} as const;

/** What a person was refused doing to a case (a 404 or a 403), as "Tried to …". */
const refusedWords: Record<
  CaseChange | 'viewed' | 'summary-read' | 'monitoring-form-read' | 'meeting-calendar-read',
  string
> = {
  viewed: 'read the case',
  'summary-read': 'download the case summary',
  'monitoring-form-read': 'download the monitoring form',
  'meeting-calendar-read': "download a meeting's calendar invitation",
  raised: 'raise the disagreement',
  escalated: 'escalate the disagreement',
  'outcome-proposed': 'propose an outcome',
  'outcome-confirmed': 'confirm the proposed outcome',
  'outcome-rejected': 'reject the proposed outcome',
  resolved: 'resolve the disagreement',
  'child-deadline-set': "set a deadline for the child's safety",
  'child-deadline-cleared': "remove the deadline for the child's safety",
  'action-added': 'agree an action',
  'action-completed': 'mark an action as done',
  withdrawn: 'withdraw the disagreement',
  closed: 'close the disagreement',
  reprojected: 'work out the due time again',
  'monitoring-notified': 'tell the partnership team for monitoring',
  'next-level-told': 'tell the next level',
  'meeting-arranged': 'arrange a meeting',
  'minutes-recorded': "record a meeting's minutes",
  'partnership-told': 'tell the partnership team',
  acknowledged: 'acknowledge the disagreement',
  'lesson-referred': 'refer a lesson',
  'discussion-recorded': 'record a discussion',
  'monitoring-form-completed': 'complete the monitoring form',
};

/** Reads of lists and searches: left out of the trail unless asked for. */
const listViewWords = {
  'disagreement.listed': 'Saw the case in a list',
  'disagreement.found': 'Found the case in a search',
  'disagreement.lessons-read': "Saw the case's lessons in the learning log",
  'people.read': 'Read the list of people',
  'audit.read': 'Read the audit trail',
} as const;

const otherWords = {
  'sign-in.succeeded': 'Signed in',
  'sign-in.failed': 'Failed to sign in',
  'sign-out.everywhere': 'Signed out everywhere',
  'identity.linked': 'Linked a sign-in account',
  'password-link.created': 'Made a link to set a password',
  'password.set': 'Set a password',
  'token.created': 'Created an API token',
  'token.revoked': 'Revoked an API token',
  'notification-preference.changed': 'Changed how they are told of cases',
  'person.created': 'Added a person',
  'person.changed': "Changed a person's details",
  'person.deactivated': 'Deactivated a person',
  'person.reactivated': 'Reactivated a person',
  'person.read': "Read a person's account",
  'invitation.sent': 'Sent an invitation to set a password',
  'invitation.resent': 'Sent a new invitation to set a password',
  'invitation.revoked': 'Revoked an invitation to set a password',
  'person.roles-changed': "Changed a person's roles",
  'person.level-changed': "Changed a person's level",
  'person.level-cleared': "Cleared a person's level (not in the protocol adopted)",
  'agency.created': 'Added an agency',
  'team.created': 'Added a team',
  'region.created': 'Added a region',
  'local-authority.created': 'Added a local authority',
  'on-call-contact.created': 'Added an on-call contact',
  'meeting-place.created': 'Added a meeting place',
  'on-call-contacts.read': 'Read the on-call contacts',
  'partnership.created': 'Created the partnership',
  'protocol.adopted': 'Adopted a protocol version',
  'protocol-draft.created': 'Started a protocol draft',
  'protocol-draft.deleted': 'Deleted a protocol draft',
  'working-time.changed': 'Changed the working time',
  'reminder-days.changed': 'Changed when reminders are sent',
  'closure-day.added': 'Added a closure day',
  'closure-day.removed': 'Removed a closure day',
  'retention-period.changed': 'Changed the retention period',
  'service-page.changed': 'Changed a page in the footer',
  'service-page.reset': 'Put a page in the footer back to its default',
  'reports.summary-read': "Read the partnership's figures",
  'reports.exported': 'Downloaded a table of figures',
  'lesson.new': 'Marked a lesson as new',
  'lesson.considered': 'Marked a lesson as considered',
  'lesson.actioned': 'Marked a lesson as actioned',
  'subject-access.searched': 'Searched for a subject-access request',
  'subject-access.exported': 'Exported what is held for a subject-access request',
  'setup.completed': 'Set up Accord',
  'demo-data.loaded': 'Loaded the demo data',
  'cases.generated': 'Generated test cases',
  'database.restored': 'Restored the database from a backup',
} as const;

export type CaseReadName = keyof typeof caseReadWords;
export type RefusableCaseRequest = keyof typeof refusedWords;

export type AuditAction =
  | `disagreement.${CaseChange}`
  | `disagreement.${CaseReadName}`
  | `disagreement.${RefusableCaseRequest}.refused`
  | keyof typeof listViewWords
  | keyof typeof otherWords;

/** The groups the trail can be filtered by, in the order the filter offers them. */
export const auditActionGroups = {
  'case-changes': 'Changes to cases',
  'case-reads': 'Reads of cases',
  refused: 'Refused requests',
  'sign-in': 'Signing in and accounts',
  directory: 'The directory',
  protocol: 'Protocol, working time and retention',
  reports: 'Figures, learning and subject access',
  service: 'Setting up and running Accord',
  'list-views': 'List and search views',
} as const;
export type AuditActionGroup = keyof typeof auditActionGroups;

export type AuditActionWords = { words: string; group: AuditActionGroup };

const groupOfOther = (action: keyof typeof otherWords): AuditActionGroup => {
  const [subject] = action.split('.');
  switch (subject) {
    case 'sign-in':
    case 'sign-out':
    case 'identity':
    case 'password-link':
    case 'password':
    case 'invitation':
    case 'token':
    case 'notification-preference':
      return 'sign-in';
    case 'person':
    case 'agency':
    case 'team':
    case 'region':
    case 'local-authority':
    case 'on-call-contact':
    case 'meeting-place':
    case 'on-call-contacts':
    case 'service-page':
      return 'directory';
    case 'partnership':
    case 'protocol':
    case 'protocol-draft':
    case 'working-time':
    case 'reminder-days':
    case 'closure-day':
    case 'retention-period':
      return 'protocol';
    case 'reports':
    case 'lesson':
    case 'subject-access':
      return 'reports';
    default:
      return 'service';
  }
};

const entries = <Key extends string, Value>(record: Record<Key, Value>) =>
  Object.entries(record) as [Key, Value][];

/** Every audit action, with its words and its group. */
export const auditActionTable: ReadonlyMap<AuditAction, AuditActionWords> = new Map<
  AuditAction,
  AuditActionWords
>([
  ...entries(caseChangeWords).map(
    ([name, words]) =>
      [`disagreement.${name}`, { words, group: 'case-changes' }] as [AuditAction, AuditActionWords],
  ),
  ...entries(caseReadWords).map(
    ([name, words]) =>
      [
        `disagreement.${name}`,
        { words, group: name === 'purged' ? 'case-changes' : 'case-reads' },
      ] as [AuditAction, AuditActionWords],
  ),
  ...entries(refusedWords).map(
    ([name, words]) =>
      [
        `disagreement.${name}.refused`,
        { words: `Was refused when they tried to ${words}`, group: 'refused' },
      ] as [AuditAction, AuditActionWords],
  ),
  ...entries(listViewWords).map(
    ([action, words]) =>
      [action, { words, group: 'list-views' }] as [AuditAction, AuditActionWords],
  ),
  ...entries(otherWords).map(
    ([action, words]) =>
      [action, { words, group: groupOfOther(action) }] as [AuditAction, AuditActionWords],
  ),
]);

/** The actions of the groups, for filtering the log by them. */
export function actionsIn(groups: readonly AuditActionGroup[]): AuditAction[] {
  return [...auditActionTable].flatMap(([action, { group }]) =>
    groups.includes(group) ? [action] : [],
  );
}

export const listViewActions: readonly AuditAction[] = actionsIn(['list-views']);

/** What details an entry's words may take, found from other tables of the partnership. */
export type AuditActionDetail = {
  /** The stage a case was escalated into: "stage 2 (Team managers)". */
  stage?: string | undefined;
  /** The protocol version adopted. */
  protocolVersion?: number | undefined;
};

/**
 * An action in words: "Escalated to stage 2 (Team managers)", "Adopted protocol version 3".
 * An action that is not in the table (written by an older release) is shown as it is stored.
 */
export function describeAuditAction(action: string, detail: AuditActionDetail = {}): string {
  if (action === 'disagreement.escalated' && detail.stage) return `Escalated to ${detail.stage}`;
  if (action === 'protocol.adopted' && detail.protocolVersion !== undefined) {
    return `Adopted protocol version ${detail.protocolVersion}`;
  }
  return auditActionTable.get(action as AuditAction)?.words ?? action;
}

export const isAuditAction = (action: string): action is AuditAction =>
  auditActionTable.has(action as AuditAction);

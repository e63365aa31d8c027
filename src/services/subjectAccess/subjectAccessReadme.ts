import { formatDate, formatInstant } from '../../domain/calendar/formatting.ts';
import type { Person } from '../../domain/directory/directory.ts';
import type { ChildSearch } from '../../domain/subjectAccess/childSearch.ts';

/** Who an archive answers for: the child as searched for, or the professional chosen. */
export type Subject =
  | { kind: 'child'; search: ChildSearch }
  | { kind: 'professional'; person: Person };

/** The README.txt of a subject-access archive: what it answers, when, and what is inside. */
export function subjectAccessReadme(answer: {
  subject: Subject;
  partnershipName: string;
  at: Temporal.Instant;
  timeZone: string;
  references: readonly string[];
  auditEntries?: number;
  messages?: number;
}): string {
  const { subject } = answer;
  const who =
    subject.kind === 'child'
      ? `the child searched for as given names "${subject.search.givenNames.trim()}", family name "${subject.search.familyName.trim()}"${subject.search.dateOfBirth ? `, born ${formatDate(Temporal.PlainDate.from(subject.search.dateOfBirth))}` : ''}`
      : `${subject.person.name} (${subject.person.email}), a person of the partnership's directory`;
  const lines = [
    'Subject-access request',
    '',
    `What Accord, ${answer.partnershipName}'s professional disagreement service, holds about ${who}.`,
    `Exported at ${formatInstant(answer.at, answer.timeZone)}.`,
    '',
    'What is inside:',
    '',
  ];
  if (subject.kind === 'professional') {
    lines.push(
      '- directory-entry.json: their entry in the directory (name, e-mail, job title, telephone,',
      '  agency, team, region, line manager, roles, level of seniority, whether active).',
    );
  }
  lines.push(
    answer.references.length === 0
      ? '- No case names them.'
      : `- cases/<reference>/: each case that names them, ${answer.references.length} in all (${answer.references.join(', ')}):\n  case.json (everything Accord holds on the case) and its summary for agency records\n  (<reference>-case-summary.json and .pdf).`,
  );
  if (subject.kind === 'child') {
    lines.push(
      '  A case is included when a child on it has every name searched for and the date of',
      '  birth given, or records no date of birth: check each is the right child before sending.',
    );
  } else {
    lines.push(
      '  A case names them when they raised it, are its other professional, stood on it at a',
      '  stage, chaired or attended its meeting, own an agreed action, or changed it.',
      `- audit-entries.json: every entry of the audit log they made, ${answer.auditEntries ?? 0} in all`,
      '  (when, what action, on which record by its id; never the words of a case).',
      `- messages.json: every message Accord queued for them, ${answer.messages ?? 0} in all.`,
    );
  }
  lines.push(
    '',
    'People, agencies and cases are named in the files by their ids in Accord.',
    '',
    'The cases hold other people too (children, families, other professionals): before',
    'sending, take out what is about others and not the person asking, as the law on',
    'subject access requires.',
    '',
  );
  return lines.join('\r\n');
}

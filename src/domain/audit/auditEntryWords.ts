import { type AuditActionDetail, describeAuditAction } from './auditActions.ts';
import type { AuditEntry } from './auditChain.ts';

/** A person as the audit trail names them, and its filter offers them. */
export type AuditPerson = {
  id: string;
  name: string;
  partnershipId: string | null;
  active: boolean;
};

/** What the names of a page of entries were found to be (services/readAuditLog.ts). */
export type AuditNames = {
  /** The partnership whose trail it is: people and cases of others are not named. */
  partnershipId: string;
  people: ReadonlyMap<string, { name: string; partnershipId: string | null; active: boolean }>;
  cases: ReadonlyMap<string, { reference: string; partnershipId: string; purged: boolean }>;
  /** The names of the directory's records (agencies, teams…), by id. */
  records: ReadonlyMap<string, string>;
  /** The case a lesson is of, by the lesson's id. */
  lessonCases: ReadonlyMap<string, string>;
  /** What an entry's words may add (the stage entered, the version adopted), by its seq. */
  details: ReadonlyMap<number, AuditActionDetail>;
};

export type AuditEntryWords = {
  who: string;
  action: string;
  record: string;
  /** The case the entry is about, to link to, if it is one of the partnership's. */
  caseId: string | null;
  via: string;
};

const viaNames: Record<AuditEntry['via'], string> = {
  web: 'Web',
  api: 'API',
  cli: 'Command line',
  system: 'Accord',
};
const anonymousNames: Partial<Record<AuditEntry['via'], string>> = {
  cli: 'Command line',
  system: 'Accord',
};

const recordTypeNames: Record<string, string> = {
  agency: 'Agency',
  team: 'Team',
  region: 'Region',
  'local-authority': 'Local authority',
  'meeting-place': 'Meeting place',
  'on-call-contact': 'An on-call contact',
  'api-token': 'An API token',
  'protocol-draft': 'A protocol draft',
  partnership: 'The partnership',
  installation: 'Accord',
  database: 'The database',
};

/** A person as the trail names them: by name if they are of the partnership, and whether they still are. */
export function personInWords(id: string, names: AuditNames): string {
  const person = names.people.get(id);
  if (!person) return 'A person no longer in the directory';
  if (person.partnershipId !== names.partnershipId) return 'Someone outside this partnership';
  return person.active ? person.name : `${person.name} (no longer active)`;
}

function caseInWords(
  id: string | null,
  names: AuditNames,
): { text: string; caseId: string | null } {
  const found = id ? names.cases.get(id) : undefined;
  if (!id || !found) return { text: 'A disagreement that does not exist', caseId: null };
  if (found.partnershipId !== names.partnershipId) {
    return { text: 'A disagreement of another partnership', caseId: null };
  }
  return {
    text: found.purged ? `${found.reference} (details removed)` : found.reference,
    caseId: id,
  };
}

function recordInWords(entry: AuditEntry, names: AuditNames) {
  const id = entry.recordId;
  switch (entry.recordType) {
    case 'disagreement':
      return caseInWords(id, names);
    case 'person':
      return {
        text: id ? `Person: ${personInWords(id, names)}` : 'An account not found',
        caseId: null,
      };
    case 'lesson': {
      const caseId = id ? names.lessonCases.get(id) : undefined;
      if (!caseId) return { text: 'A lesson', caseId: null };
      const of = caseInWords(caseId, names);
      return { text: `A lesson of ${of.text}`, caseId: of.caseId };
    }
    default: {
      const type = recordTypeNames[entry.recordType] ?? entry.recordType;
      const name = id ? names.records.get(id) : undefined;
      return { text: name ? `${type}: ${name}` : type, caseId: null };
    }
  }
}

/** An entry as the trail page and its CSV say it: who, what, about what, and through what. */
export function auditEntryInWords(entry: AuditEntry, names: AuditNames): AuditEntryWords {
  const record = recordInWords(entry, names);
  return {
    who: entry.actorId
      ? personInWords(entry.actorId, names)
      : (anonymousNames[entry.via] ?? 'Not signed in'),
    action: describeAuditAction(entry.action, names.details.get(entry.seq)),
    record: record.text,
    caseId: record.caseId,
    via: viaNames[entry.via] ?? entry.via,
  };
}

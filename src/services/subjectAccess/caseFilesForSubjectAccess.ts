import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../db/schema.ts';
import { jsonEntry, type ZipEntry } from '../../documents/zipArchive.ts';
import type { Disagreement } from '../../domain/disagreement/disagreement.ts';
import type { LoadedRules } from '../caseRules.ts';

/**
 * The files a subject-access archive holds for one case, under `cases/<reference>/`: for now
 * the case as Accord stores it (every record, account, meeting and history entry), with the
 * partnership and protocol it ran under. The one place to put the case summary (JSON and PDF)
 * in its stead: it is given the database and the time to read the names and make the PDF with.
 */
export async function caseFilesForSubjectAccess(
  _db: Kysely<DatabaseSchema>,
  disagreement: Disagreement,
  rules: LoadedRules,
  _now: Temporal.Instant,
): Promise<ZipEntry[]> {
  return [
    jsonEntry(`cases/${disagreement.reference}/case.json`, {
      reference: disagreement.reference,
      partnership: rules.partnership.name,
      protocol: rules.protocol.name,
      case: disagreement,
    }),
  ];
}

import type { Kysely } from 'kysely';
import { monitoringAnswersRepository } from '../../db/repositories/monitoringAnswersRepository.ts';
import type { DatabaseSchema } from '../../db/schema.ts';
import { jsonEntry, type ZipEntry } from '../../documents/zipArchive.ts';
import type { Disagreement } from '../../domain/disagreement/disagreement.ts';
import type { LoadedRules } from '../caseRules.ts';
import { caseSummaryDocuments } from '../caseSummary.ts';

/**
 * The files a subject-access archive holds for one case, under `cases/<reference>/`: the case
 * as Accord stores it (every record, account, meeting and history entry, with the partnership
 * and protocol it ran under, and the monitoring form's answers completed in Accord, as the
 * retention purge left them), and its summary for agency records as JSON and as a PDF.
 */
export async function caseFilesForSubjectAccess(
  db: Kysely<DatabaseSchema>,
  disagreement: Disagreement,
  rules: LoadedRules,
  now: Temporal.Instant,
): Promise<ZipEntry[]> {
  const folder = `cases/${disagreement.reference}`;
  const { json, pdf } = await caseSummaryDocuments(db, disagreement, now);
  return [
    jsonEntry(`${folder}/case.json`, {
      reference: disagreement.reference,
      partnership: rules.partnership.name,
      protocol: rules.protocol.name,
      case: disagreement,
      monitoringFormAnswers: await monitoringAnswersRepository(db).get(disagreement.id),
    }),
    { name: `${folder}/${json.fileName}`, bytes: json.content },
    { name: `${folder}/${pdf.fileName}`, bytes: pdf.content },
  ];
}

import { monitoringAnswersRepository } from '../db/repositories/monitoringAnswersRepository.ts';
import { organisationRepository } from '../db/repositories/organisationRepository.ts';
import { peopleRepository } from '../db/repositories/peopleRepository.ts';
import { can } from '../domain/access/can.ts';
import { formatInstant } from '../domain/calendar/formatting.ts';
import { caseFileName } from '../domain/disagreement/caseSummary.ts';
import {
  monitoringAnswersChangeable,
  monitoringAnswersInWords,
} from '../domain/disagreement/monitoringAnswers.ts';
import {
  type FilledForm,
  fillMonitoringForm,
  monitoringFormFor,
} from '../domain/disagreement/monitoringForm.ts';
import { NotAllowedNow, NotFound } from '../domain/errors.ts';
import { caseTerms } from '../domain/protocol/caseTerms.ts';
import { readCaseAudited } from './auditCase.ts';
import { refusalsAudited } from './auditRefusal.ts';
import type { CaseDeps } from './caseDeps.ts';
import type { RequestContext } from './requestContext.ts';
import { loadVisibleCase } from './visibleCase.ts';

export type MonitoringForm = FilledForm & {
  partnershipName: string;
  monitoringTeamName: string;
  caseReference: string;
  /** Whether the person may complete the form's own questions in Accord (a party, not purged, open or resolved). */
  mayComplete: boolean;
  /** Why a party may no longer change the answers (the case is closed or withdrawn), if so. */
  readOnlyBecause: string | null;
};

/**
 * The protocol's monitoring form (Pan-Lancashire Appendix 1, East Riding Appendix A) filled
 * from the case, once the case has entered the stage that produces it. The read is audited.
 */
export async function monitoringForm(
  deps: CaseDeps,
  id: string,
  context: RequestContext,
): Promise<MonitoringForm> {
  const now = deps.clock.now();
  return refusalsAudited(deps, { caseId: id, action: 'monitoring-form-read' }, context, () =>
    readCaseAudited(deps, context, now, 'disagreement.monitoring-form-read', async (trx) => {
      const { disagreement, rules, access, actor } = await loadVisibleCase(trx, id, context, now);
      const found = monitoringFormFor(rules);
      if (!found) {
        throw new NotFound(
          'This protocol has no monitoring form: the partnership is told in another way',
          'no-monitoring-form',
        );
      }
      if (!disagreement.stages.some((stage) => stage.key === found.stage.key)) {
        throw new NotAllowedNow(
          `The monitoring form is completed when the case reaches ${found.stage.number ? `${rules.protocol.terms.stage} ${found.stage.number}` : found.stage.name}`,
          { code: 'monitoring-stage-not-reached' },
        );
      }
      const organisations = organisationRepository(trx);
      const agencies = await organisations.agencies(disagreement.partnershipId);
      const localAuthority = (
        await organisations.localAuthorities(disagreement.partnershipId)
      ).find((authority) => authority.id === disagreement.localAuthorityId);
      const people = await peopleRepository(trx).getMany([
        disagreement.raisedBy,
        ...disagreement.stages.map((stage) => stage.enteredBy),
      ]);
      const filled = fillMonitoringForm(disagreement, rules, found.form, found.stage, {
        person: (personId) => people.find((person) => person.id === personId),
        agencyName: (agencyId) =>
          agencies.find((agency) => agency.id === agencyId)?.name ?? 'an agency',
      });
      const answers = await monitoringAnswersRepository(trx).get(disagreement.id);
      const party = can(actor, 'complete-monitoring-form', access) && !disagreement.purgedAt;
      const form: MonitoringForm = {
        ...filled,
        // What the escalating side completed in Accord, after what the case says itself.
        fields: [
          ...filled.fields,
          ...(answers
            ? monitoringAnswersInWords(answers).map((field) => ({
                ...field,
                from: 'completed-in-accord',
              }))
            : []),
        ],
        partnershipName: rules.partnership.name,
        monitoringTeamName: caseTerms(rules.protocol, localAuthority).monitoringTeam,
        caseReference: disagreement.reference,
        mayComplete: party && monitoringAnswersChangeable(disagreement.status),
        readOnlyBecause:
          party && !monitoringAnswersChangeable(disagreement.status)
            ? `The disagreement has been ${disagreement.status}: its monitoring form can be read but not changed.`
            : null,
      };
      return { disagreement, result: form };
    }),
  );
}

/** The same form as a PDF a partnership team would file: PL-2026-0007-monitoring-form.pdf. */
export async function monitoringFormAsPdf(
  deps: CaseDeps,
  id: string,
  context: RequestContext,
): Promise<{ fileName: string; content: Buffer }> {
  const form = await monitoringForm(deps, id, context);
  const now = deps.clock.now();
  const content =
    await // pdfkit takes a fifth of a second to load: it is loaded with the first PDF, not at start.
    (await import('../documents/monitoringFormPdf.ts')).monitoringFormPdf({
      title: form.title,
      intro: form.intro,
      partnershipName: form.partnershipName,
      monitoringTeamName: form.monitoringTeamName,
      caseReference: form.caseReference,
      generatedAt: formatInstant(now, 'Europe/London'),
      createdAt: new Date(now.epochMilliseconds),
      fields: form.fields.map(({ label, value }) => ({ label, value })),
    });
  return { fileName: caseFileName(form.caseReference, 'monitoring-form', 'pdf'), content };
}

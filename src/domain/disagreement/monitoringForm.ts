import { formatDate, formatInstant, listInWords } from '../calendar/formatting.ts';
import type { LadderStage } from '../protocol/ladder.ts';
import { categoryName } from '../protocol/offeredCategories.ts';
import type { ProtocolForm } from '../protocol/protocolSchema.ts';
import { type CaseRules, type Disagreement, partyAgencyIds, stageLabel } from './disagreement.ts';

/** What the form needs to know about people and agencies named on the case. */
export type FormDirectory = {
  person(
    id: string,
  ): { name: string; jobTitle: string | null; email: string; agencyId: string | null } | undefined;
  agencyName(id: string): string;
};

export type FilledForm = {
  formId: string;
  title: string;
  intro: string;
  stageKey: string;
  fields: { label: string; from: string; value: string }[];
};

/** The protocol's monitoring form for this case's ladder, and the stage whose entry produces it. */
export function monitoringFormFor(
  rules: CaseRules,
): { form: ProtocolForm; stage: LadderStage } | undefined {
  for (const stage of rules.ladder.stages) {
    const formId = stage.onEntry.monitoringForm;
    const form = formId && rules.protocol.forms.find((candidate) => candidate.id === formId);
    if (form) return { form, stage };
  }
  return undefined;
}

/** The form filled from the case: every field the protocol lists, blank where the case is silent. */
export function fillMonitoringForm(
  disagreement: Disagreement,
  rules: CaseRules,
  form: ProtocolForm,
  stage: LadderStage,
  directory: FormDirectory,
): FilledForm {
  const zone = rules.calendar.timeZone;
  const when = (iso: string) => formatInstant(Temporal.Instant.from(iso), zone);
  const day = (iso: string) =>
    formatDate(Temporal.Instant.from(iso).toZonedDateTimeISO(zone).toPlainDate());
  const raiser = directory.person(disagreement.raisedBy);
  const stageName = (key: string) =>
    stageLabel(
      rules,
      rules.ladder.stages.find((candidate) => candidate.key === key),
    );

  const value = (field: ProtocolForm['fields'][number]): string => {
    switch (field.from) {
      case 'referral-date':
        return disagreement.referralDate
          ? formatDate(Temporal.PlainDate.from(disagreement.referralDate))
          : '';
      case 'referrer-name':
        return raiser?.name ?? '';
      case 'referrer-job-title':
        return raiser?.jobTitle ?? '';
      case 'referrer-agency':
        return directory.agencyName(disagreement.raiserAgencyId);
      case 'referrer-contact':
        return raiser?.email ?? '';
      case 'children':
        return disagreement.children
          .map((child) => {
            const born = child.dateOfBirth
              ? `, born ${formatDate(Temporal.PlainDate.from(child.dateOfBirth))}`
              : child.expectedDueDate
                ? `, expected ${formatDate(Temporal.PlainDate.from(child.expectedDueDate))}`
                : '';
            return `${child.firstName} ${child.lastName}${born}`;
          })
          .join('\n');
      case 'parents':
        return disagreement.family?.parents.join('\n') ?? '';
      case 'family-address':
        return disagreement.family?.address ?? '';
      case 'agencies-involved': {
        const parties = `In the disagreement: ${listInWords(partyAgencyIds(disagreement).map(directory.agencyName))}.`;
        return disagreement.agenciesInvolved
          ? `${parties}\nIn the case generally: ${disagreement.agenciesInvolved}`
          : parties;
      }
      case 'concern':
        return `${disagreement.summary}\n\nImpact on the child: ${disagreement.impactOnChild}`;
      case 'category':
        return categoryName(rules.protocol, disagreement.category);
      case 'stage-outcomes':
        return (field.stages ?? [])
          .flatMap((key) => {
            const index = disagreement.stages.findIndex((entered) => entered.key === key);
            const entered = disagreement.stages[index];
            if (!entered) return [];
            const ended = entered.endedAt ? ` to ${day(entered.endedAt)}` : ' (still in progress)';
            const outcome =
              entered.outcome === 'escalated'
                ? `escalated: ${disagreement.stages[index + 1]?.reason ?? ''}`
                : (entered.outcome ?? 'no outcome yet');
            return [`${stageName(key)}: ${day(entered.startedAt)}${ended}, ${outcome}`];
          })
          .join('\n');
      case 'stage-meeting-date': {
        const held = disagreement.records.filter((record) => record.stageKey === field.stage);
        return held.map((record) => `${when(record.occurredAt)} (${record.mode})`).join('\n');
      }
      case 'stage-participants': {
        const names = new Set(
          disagreement.records
            .filter((record) => record.stageKey === field.stage)
            .flatMap((record) => record.participants),
        );
        const entered = disagreement.stages.find((candidate) => candidate.key === field.stage);
        const escalator = entered && directory.person(entered.enteredBy);
        if (escalator) {
          const agency =
            field.withAgency && escalator.agencyId
              ? `, ${directory.agencyName(escalator.agencyId)}`
              : '';
          names.add(
            `${escalator.name}${escalator.jobTitle ? `, ${escalator.jobTitle}` : ''}${agency}`,
          );
        }
        return [...names].join('\n');
      }
      case 'outcome':
        if (disagreement.status === 'withdrawn') {
          return `Withdrawn: ${disagreement.withdrawnReason ?? ''}`;
        }
        if (disagreement.resolution && disagreement.status !== 'open') {
          return disagreement.resolution.agreedOutcome;
        }
        return disagreement.resolution
          ? `Proposed, waiting for confirmation: ${disagreement.resolution.agreedOutcome}`
          : 'Not yet resolved';
    }
  };

  return {
    formId: form.id,
    title: form.title,
    intro: form.intro,
    stageKey: stage.key,
    fields: form.fields.map((field) => ({
      label: field.label,
      from: field.from,
      value: value(field),
    })),
  };
}

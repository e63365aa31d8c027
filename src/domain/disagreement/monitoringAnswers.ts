import { formatDate } from '../calendar/formatting.ts';

/**
 * The monitoring form's questions a case does not answer itself, as the escalating side
 * completes them in Accord before sending it: the date of the meeting or discussion, whether
 * the parents or carers were told and their views, and every senior officer involved.
 */
export type SeniorOfficer = { name: string; agency: string; role: string };

export type MonitoringAnswers = {
  /** YYYY-MM-DD. */
  meetingDate: string | null;
  parentsInformed: 'yes' | 'no' | null;
  parentsViews: string;
  seniorOfficers: SeniorOfficer[];
  completedBy: string;
  completedAt: string;
  /** 1 once first saved, one more each save (0 before any). */
  version: number;
};

/** The statuses in which the answers may still be changed: a closed or withdrawn case's are read only. */
export const answersChangeableWhen = ['open', 'resolved'] as const;

export function monitoringAnswersChangeable(status: string): boolean {
  return (answersChangeableWhen as readonly string[]).includes(status);
}

/** The completed answers as the form's extra fields, in words, for its page and its PDF. */
export function monitoringAnswersInWords(
  answers: MonitoringAnswers,
): { label: string; value: string }[] {
  return [
    {
      label: 'Date of the meeting or discussion',
      value: answers.meetingDate ? formatDate(Temporal.PlainDate.from(answers.meetingDate)) : '',
    },
    {
      label: 'Parents or carers told of the disagreement',
      value: { yes: 'Yes', no: 'No', none: '' }[answers.parentsInformed ?? 'none'],
    },
    { label: 'The views of the parents or carers', value: answers.parentsViews },
    {
      label: 'Senior officers involved',
      value: answers.seniorOfficers
        .map((officer) => [officer.name, officer.role, officer.agency].filter(Boolean).join(', '))
        .join('\n'),
    },
  ];
}

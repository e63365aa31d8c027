import { listInWords } from '../domain/calendar/formatting.ts';

/**
 * The messages Accord sends, in GOV.UK style: plain, specific and short, with a link to the
 * case. They never carry details that could identify a child, nor anything a person typed
 * (which may): the reference, the agencies, the stage and its due time only. A meeting's
 * invitation names its place only from the partnership's list of meeting places, or says it is
 * online (domain/disagreement/meetingVenue.ts): what the chair typed stays on the case.
 */

export type CaseFacts = {
  reference: string;
  /** "Northfield School and Lancashire County Council Children's Social Care". */
  between: string;
  caseUrl: string;
};

export type Message = { subject: string; body: string };

/** What every message says of its case: its reference, the agencies in it, and its link. */
export function caseFacts(
  disagreement: { id: string; reference: string; raiserAgencyId: string; otherAgencyIds: string[] },
  agencyName: (id: string) => string,
  baseUrl: string,
): CaseFacts {
  return {
    reference: disagreement.reference,
    between: `${agencyName(disagreement.raiserAgencyId)} and ${listInWords(disagreement.otherAgencyIds.map(agencyName))}`,
    caseUrl: `${baseUrl.replace(/\/$/, '')}/disagreements/${disagreement.id}`,
  };
}

const footer =
  'This e-mail does not include details about the child. Sign in to Accord to see them. Do not reply to this e-mail.';

function compose(paragraphs: (string | null)[]): string {
  return [...paragraphs.filter((line): line is string => line !== null), footer].join('\n\n');
}

const due = (dueText: string | null) =>
  dueText ? `It is due by ${dueText}.` : 'It has no set timescale.';

export const messages = {
  raised(facts: CaseFacts & { raisedBy: string; stage: string; dueText: string | null }): Message {
    return {
      subject: `Professional disagreement ${facts.reference} raised with your agency`,
      body: compose([
        `${facts.raisedBy} has raised a professional disagreement about a child: ${facts.between}.`,
        `It is at ${facts.stage}. ${due(facts.dueText)}`,
        `See the disagreement and what to do next: ${facts.caseUrl}`,
      ]),
    };
  },

  urgentRaised(facts: CaseFacts & { raisedBy: string; outOfHours: string | null }): Message {
    return {
      subject: `Urgent: professional disagreement ${facts.reference} – a child may be at risk of immediate harm`,
      body: compose([
        `${facts.raisedBy} has raised an urgent professional disagreement: ${facts.between}. They say a child may be at risk of immediate harm.`,
        'Act now under your agency’s safeguarding procedures: do not wait for the disagreement to be resolved.',
        facts.outOfHours ? `It is outside working hours. ${facts.outOfHours}` : null,
        `See the disagreement: ${facts.caseUrl}`,
      ]),
    };
  },

  stageEntered(facts: CaseFacts & { stage: string; dueText: string | null }): Message {
    return {
      subject: `Professional disagreement ${facts.reference} has reached ${facts.stage}`,
      body: compose([
        `The professional disagreement between ${facts.between} has been escalated to ${facts.stage}, and you are one of the people the protocol names for it.`,
        due(facts.dueText),
        `See the disagreement and its history: ${facts.caseUrl}`,
      ]),
    };
  },

  outcomeProposed(facts: CaseFacts & { proposedBy: string }): Message {
    return {
      subject: `Confirm the outcome of professional disagreement ${facts.reference}`,
      body: compose([
        `${facts.proposedBy} has proposed an outcome for the professional disagreement between ${facts.between}.`,
        'Your agency needs to confirm it in writing, or reject it with a reason. Until every agency confirms, the stage goes on.',
        `Read the proposed outcome and answer: ${facts.caseUrl}`,
      ]),
    };
  },

  resolved(facts: CaseFacts): Message {
    return {
      subject: `Professional disagreement ${facts.reference} is resolved`,
      body: compose([
        `Every agency has confirmed the agreed outcome of the professional disagreement between ${facts.between}.`,
        `See the outcome and the agreed actions: ${facts.caseUrl}`,
      ]),
    };
  },

  closed(facts: CaseFacts): Message {
    return {
      subject: `Professional disagreement ${facts.reference} is closed`,
      body: compose([
        `The professional disagreement between ${facts.between} has been closed.`,
        `See the outcome and any lessons for the partnership: ${facts.caseUrl}`,
      ]),
    };
  },

  withdrawn(facts: CaseFacts & { withdrawnBy: string }): Message {
    return {
      subject: `Professional disagreement ${facts.reference} has been withdrawn`,
      body: compose([
        `${facts.withdrawnBy} has withdrawn the professional disagreement between ${facts.between}.`,
        `See why: ${facts.caseUrl}`,
      ]),
    };
  },

  monitoringStageEntered(
    facts: CaseFacts & { stage: string; monitoringTeam: string; formUrl: string | null },
  ): Message {
    return {
      subject: `For the ${facts.monitoringTeam}: professional disagreement ${facts.reference} has reached ${facts.stage}`,
      body: compose([
        `The professional disagreement between ${facts.between} has reached ${facts.stage}, where senior officers are involved, so the ${facts.monitoringTeam} is told.`,
        facts.formUrl
          ? `The monitoring form, filled from the case: ${facts.formUrl}`
          : `See the disagreement: ${facts.caseUrl}`,
        'The form is for monitoring: resolving the disagreement stays with the agencies involved.',
      ]),
    };
  },

  partnershipTold(
    facts: CaseFacts & { toldBy: string; stage: string; monitoringTeam: string },
  ): Message {
    return {
      subject: `For the ${facts.monitoringTeam}: you are told now of professional disagreement ${facts.reference}`,
      body: compose([
        `${facts.toldBy} has told the ${facts.monitoringTeam} about the professional disagreement between ${facts.between}, at ${facts.stage}, without waiting for the monitoring stage.`,
        'Their reason is on the disagreement. It is first in your monitoring inbox until someone in the team acknowledges it.',
        `See the disagreement: ${facts.caseUrl}`,
      ]),
    };
  },

  lessonsForPartnership(facts: CaseFacts & { count: number; route: string }): Message {
    return {
      subject: `${facts.count === 1 ? 'A lesson' : `${facts.count} lessons`} for the partnership from professional disagreement ${facts.reference}`,
      body: compose([
        `The professional disagreement between ${facts.between} has ${facts.count === 1 ? 'a new lesson' : `${facts.count} new lessons`} for the partnership, for ${facts.route}.`,
        'They are in the learning log, where the subgroup records what it does with each.',
        `See the disagreement and its lessons: ${facts.caseUrl}`,
      ]),
    };
  },

  tellOtherAgencyFirst(facts: CaseFacts & { stage: string; monitoringTeam: string }): Message {
    return {
      subject: `Tell the other agency: professional disagreement ${facts.reference} is at ${facts.stage}`,
      body: compose([
        `You escalated the professional disagreement between ${facts.between} to ${facts.stage}. The ${facts.monitoringTeam} is being told.`,
        'The protocol asks the escalating agency to tell the other agency that it is doing so. If you have not yet, tell them now.',
        `See the disagreement: ${facts.caseUrl}`,
      ]),
    };
  },
};

export const deadlineMessages = {
  stageReminder(facts: CaseFacts & { stage: string; dueText: string }): Message {
    return {
      subject: `Professional disagreement ${facts.reference}: ${facts.stage} is due by ${facts.dueText}`,
      body: compose([
        `${facts.stage} of the professional disagreement between ${facts.between} is due by ${facts.dueText}, and you are one of the people the protocol names for it.`,
        'Record what has been agreed, agree the outcome, or escalate before then.',
        `See the disagreement: ${facts.caseUrl}`,
      ]),
    };
  },

  stageOverdue(
    facts: CaseFacts & {
      stage: string;
      dueText: string;
      nextLevel: string | null;
      outOfHours?: string | null;
    },
  ): Message {
    return {
      subject: `Overdue: professional disagreement ${facts.reference} – ${facts.stage} was due by ${facts.dueText}`,
      body: compose([
        `${facts.stage} of the professional disagreement between ${facts.between} was due by ${facts.dueText} and is overdue.`,
        'A speedy response is needed to safeguard the child: agree the outcome or escalate.',
        facts.nextLevel
          ? `If nothing happens, the next level (${facts.nextLevel}) will be told.`
          : null,
        facts.outOfHours ? `It is outside working hours. ${facts.outOfHours}` : null,
        `See the disagreement: ${facts.caseUrl}`,
      ]),
    };
  },

  nextLevelAlert(
    facts: CaseFacts & {
      stage: string;
      dueText: string;
      nextStage: string;
      outOfHours?: string | null;
    },
  ): Message {
    return {
      subject: `A professional disagreement needs a speedy response: ${facts.reference}`,
      body: compose([
        `There is a professional disagreement between ${facts.between}. ${facts.stage} was due by ${facts.dueText} and the managers at that level have not yet resolved it.`,
        `A speedy response is needed to safeguard the child. You are named for the next level (${facts.nextStage}): you will be contacted if no response comes.`,
        facts.outOfHours ? `It is outside working hours. ${facts.outOfHours}` : null,
        `See the disagreement: ${facts.caseUrl}`,
      ]),
    };
  },

  actionReminder(facts: CaseFacts & { dueText: string }): Message {
    return {
      subject: `An action you agreed for professional disagreement ${facts.reference} is due by ${facts.dueText}`,
      body: compose([
        `You own an action agreed in the professional disagreement between ${facts.between}. It is due by ${facts.dueText}.`,
        `See it, and mark it done when it is: ${facts.caseUrl}`,
      ]),
    };
  },

  actionOverdue(facts: CaseFacts & { dueText: string }): Message {
    return {
      subject: `Overdue: an action you agreed for professional disagreement ${facts.reference}`,
      body: compose([
        `An action you own in the professional disagreement between ${facts.between} was due by ${facts.dueText} and is not marked done.`,
        `See it, and mark it done when it is: ${facts.caseUrl}`,
      ]),
    };
  },
};

export const meetingMessages = {
  meetingCancelled(facts: CaseFacts & { stage: string; whenText: string }): Message {
    return {
      subject: `No longer needed: the meeting for professional disagreement ${facts.reference} – ${facts.stage}, ${facts.whenText}`,
      body: compose([
        `The meeting you were invited to for the professional disagreement between ${facts.between} has been moved, and you are no longer on its list.`,
        'The cancellation with this e-mail removes it from your calendar.',
        `See the disagreement: ${facts.caseUrl}`,
      ]),
    };
  },

  meetingInvitation(
    facts: CaseFacts & {
      stage: string;
      whenText: string;
      /** A listed meeting place, or where to look: never what was typed (venueText). */
      where: string;
      chair: string;
      purpose: string;
      moved: boolean;
    },
  ): Message {
    return {
      subject: `${facts.moved ? 'Meeting moved' : 'Invitation'}: professional disagreement ${facts.reference} – ${facts.stage}, ${facts.whenText}`,
      body: compose([
        `${facts.purpose}, for the professional disagreement between ${facts.between}.`,
        `When: ${facts.whenText}\nWhere: ${facts.where}\nChair: ${facts.chair}`,
        `Add it to your calendar from the invitation with this e-mail, or from ${facts.caseUrl}/meeting.ics`,
        `See the disagreement and its history before the meeting: ${facts.caseUrl}`,
      ]),
    };
  },
};

/** One morning's summary of a person's routine messages: each subject with its link. */
export function digestMessage(
  dateText: string,
  held: readonly { subject: string; body: string }[],
): Message {
  const items = held.map((message) => {
    const link = /https?:\/\/\S+/.exec(message.body)?.[0];
    return `- ${message.subject}${link ? `\n  ${link}` : ''}`;
  });
  return {
    subject: `Your professional disagreements: ${held.length} ${held.length === 1 ? 'update' : 'updates'} for ${dateText}`,
    body: compose([
      `Since your last summary, ${held.length === 1 ? 'this has' : 'these have'} happened in the professional disagreements you are part of:`,
      items.join('\n'),
      'You chose one summary each working morning. Urgent messages still come at once.',
    ]),
  };
}

export type MessageKind =
  | keyof typeof messages
  | keyof typeof deadlineMessages
  | keyof typeof meetingMessages;

/**
 * Routine news, which may wait for a person's morning summary if they chose one. Anything
 * else (urgent, monitoring, meetings, overdue prompts and alerts) always comes at once, and
 * so does anything about an urgent case.
 */
export const routineKinds: ReadonlySet<MessageKind> = new Set<MessageKind>([
  'raised',
  'stageEntered',
  'outcomeProposed',
  'resolved',
  'closed',
  'withdrawn',
  'lessonsForPartnership',
  'stageReminder',
  'actionReminder',
]);

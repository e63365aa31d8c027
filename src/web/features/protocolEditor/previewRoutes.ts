import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { formatInstant, listInWords } from '../../../domain/calendar/formatting.ts';
import { OutsideCalendar } from '../../../domain/calendar/workingCalendar.ts';
import { Conflict } from '../../../domain/errors.ts';
import { ladderFor } from '../../../domain/protocol/ladder.ts';
import type { Protocol, ProtocolStage } from '../../../domain/protocol/protocolSchema.ts';
import { validateProtocol } from '../../../domain/protocol/validateProtocol.ts';
import { timescaleInWords, workedExample } from '../../../domain/protocol/workedExample.ts';
import { workingTimeOf } from '../../../domain/protocol/workingTimeOf.ts';
import { type Category, GENERAL_PATHWAY } from '../../../domain/vocabulary.ts';
import { categoryNames } from '../../../domain/vocabularyNames.ts';
import {
  dateTimeField,
  type FormErrors,
  radiosField,
  selectField,
  textareaField,
} from '../../../forms/fields.ts';
import { bodyOf, checkFields, errorList, fieldViews } from '../../../forms/form.ts';
import { DRAFT_GONE } from '../../../services/protocolDrafts.ts';
import type { Services } from '../../../services.ts';
import { answersOr } from '../../plugins/keptAnswers.ts';
import { webContext } from '../../requestContext.ts';
import { draftYaml } from './draftData.ts';
import {
  draftHref,
  type OpenDraft,
  openDraft,
  sentVersion,
  versionToShow,
} from './draftRequest.ts';
import { linkedProblems } from './editorPages.ts';

// The preview (each pathway's ladder and worked due times) and adoption of a draft.

const chairWords: Record<string, string> = {
  'partnership-independent-chair': 'an independent chair appointed by the partnership',
  'uninvolved-partnership-member': 'a partnership member not involved in the case',
  'independent-partner-organisation': 'someone from an uninvolved partner organisation',
  'conference-chair': 'the child protection conference chair',
};

/** What entering a stage sets off, in words. */
function onEntryWords(protocol: Protocol, stage: ProtocolStage): string {
  const { onEntry } = stage;
  const parts = [
    onEntry.tellOtherAgencyFirst ? 'the other agency is told first' : '',
    onEntry.notifyMonitoringTeam ? `${protocol.terms.monitoringTeam} is told` : '',
    onEntry.monitoringForm ? `the monitoring form "${onEntry.monitoringForm}" is filled in` : '',
    onEntry.writtenAccount
      ? `a written account is asked for${onEntry.writtenAccount.writtenBy ? `, written by ${onEntry.writtenAccount.writtenBy}` : ''}`
      : '',
    onEntry.chairedMeeting
      ? `a meeting chaired by ${chairWords[onEntry.chairedMeeting.chair] ?? onEntry.chairedMeeting.chair} (${onEntry.chairedMeeting.purpose})${onEntry.chairedMeeting.minuted ? ', minuted' : ''}`
      : '',
  ].filter((part) => part !== '');
  return parts.length > 0 ? listInWords(parts) : 'Nothing';
}

const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

function ladders(protocol: Protocol) {
  const ids = [GENERAL_PATHWAY, ...protocol.pathways.map((pathway) => pathway.id)];
  return ids.map((id) => {
    const ladder = ladderFor(protocol, id);
    const pathway = protocol.pathways.find((candidate) => candidate.id === id);
    const caps = [...protocol.caps, ...(pathway?.caps ?? [])];
    const categories = Object.entries(protocol.categories)
      .filter(([, pathwayId]) => pathwayId === id)
      .map(([category]) => categoryNames[category as Category] ?? category);
    const selectedBy = [
      categories.length > 0 ? `the categories ${listInWords(categories)}` : '',
      protocol.urgent.pathway === id ? 'every urgent case' : '',
      pathway?.raiserMayChoose ? 'the raiser’s choice' : '',
    ].filter((part) => part !== '');
    return {
      name: id === GENERAL_PATHWAY ? 'The main ladder' : `Pathway: ${ladder.pathwayName}`,
      selectedBy:
        id === GENERAL_PATHWAY
          ? 'Every case no pathway takes.'
          : `Taken by ${listInWords(selectedBy)}.`,
      rows: ladder.stages.map((stage) => [
        stage.number
          ? `${capitalised(protocol.terms.stage)} ${stage.number}: ${stage.name}`
          : stage.name,
        stage.who,
        timescaleInWords(stage.timescale),
        listInWords(
          caps
            .filter((cap) => cap.stages.includes(stage.key))
            .map(
              (cap) =>
                `${cap.name} (${timescaleInWords(cap.timescale)} from ${cap.from === 'raised' ? 'raising' : cap.from})`,
            ),
        ) || 'None',
        onEntryWords(protocol, stage),
      ]),
    };
  });
}

function exampleFields(protocol: Protocol) {
  return {
    raisedAt: dateTimeField({
      label: 'Raised on',
      hint: 'For example, 23 12 2025',
      messages: {
        missing: 'Enter the date the case is raised',
        invalid: 'Raised on must be a real date',
        invalidTime: 'Enter a time like 5pm or 17:00',
      },
    }),
    urgent: radiosField({
      label: 'Is the child at immediate or significant risk?',
      schema: z.enum(['yes', 'no']).default('no'),
      choices: [
        { value: 'no', text: 'No' },
        { value: 'yes', text: 'Yes, the urgent route' },
      ],
      inline: true,
    }),
    pathway: selectField({
      label: 'Pathway',
      // Only the protocol's own pathways: any other is a problem beside the field, not a crash.
      schema: z
        .enum([GENERAL_PATHWAY, ...protocol.pathways.map((pathway) => pathway.id)], {
          error: 'Choose a pathway',
        })
        .default(GENERAL_PATHWAY),
      choices: [
        { value: GENERAL_PATHWAY, text: 'The main ladder' },
        ...protocol.pathways.map((pathway) => ({ value: pathway.id, text: pathway.name })),
      ],
    }),
  };
}

export async function previewRoutes(app: FastifyInstance, services: Services) {
  const checked = (open: OpenDraft) => {
    const check = validateProtocol(open.data);
    return check.ok ? check.protocol : undefined;
  };
  const notReady = (reply: FastifyReply, open: OpenDraft, title: string, status = 200) =>
    reply.code(status).render('protocolEditor/notReady.njk', {
      pageTitle: title,
      overview: draftHref(open.draft),
      problems: linkedProblems(open.draft.id, open.data, open.problems),
    });

  app.get('/protocol/drafts/:id/preview', async (request, reply) => {
    const open = await openDraft(services, request);
    const protocol = checked(open);
    if (!protocol) return notReady(reply, open, 'Fix the draft’s problems to preview it');
    const facts = await services.protocolAdoptionFacts(webContext(request));
    const workingTime = { ...workingTimeOf(protocol), closureDays: facts.closureDays };
    const now = services.clock.now();
    const example = (raisedAt: Temporal.Instant, urgent: boolean, pathwayId = GENERAL_PATHWAY) =>
      workedExample(protocol, workingTime, { raisedAt, urgent, pathwayId });
    const query = request.query as Record<string, string>;
    const fields = exampleFields(protocol);
    let chosen: ReturnType<typeof example> | undefined;
    let errors: FormErrors = {};
    if (query['raisedAt-day'] !== undefined) {
      const form = checkFields(fields, query, { timeZone: protocol.calendar.timeZone });
      if (form.ok) {
        try {
          chosen = example(
            Temporal.Instant.from(form.values.raisedAt),
            form.values.urgent === 'yes',
            form.values.pathway,
          );
        } catch (error) {
          if (!(error instanceof OutsideCalendar)) throw error;
          errors = {
            raisedAt:
              'Choose a date the calendar covers: from 2015 to 2041, with its stages due by the end of 2041',
          };
        }
      } else errors = form.errors;
    }
    return reply
      .code(Object.keys(errors).length > 0 ? 400 : 200)
      .render('protocolEditor/preview.njk', {
        pageTitle: `Preview: ${protocol.name}`,
        overview: draftHref(open.draft),
        adopt: draftHref(open.draft, 'adopt'),
        action: draftHref(open.draft, 'preview'),
        ladders: ladders(protocol),
        urgent: [
          `Urgent cases take ${protocol.urgent.pathway ? (protocol.urgent.pathway === GENERAL_PATHWAY ? 'the main ladder' : `the pathway “${protocol.pathways.find((p) => p.id === protocol.urgent.pathway)?.name ?? protocol.urgent.pathway}”`) : 'the pathway their category selects'}`,
          protocol.urgent.notifyMonitoringTeam
            ? `${protocol.terms.monitoringTeam} is told at once`
            : '',
          protocol.urgent.caps.length > 0
            ? `their limits: ${listInWords(protocol.urgent.caps.map((cap) => `${cap.name} (${timescaleInWords(cap.timescale)} from ${cap.from === 'raised' ? 'raising' : cap.from})`))}`
            : '',
        ]
          .filter((part) => part !== '')
          .join('; '),
        examples: [
          {
            title: `A case raised now (${formatInstant(now, protocol.calendar.timeZone)})`,
            example: example(now, false),
          },
          { title: 'An urgent case raised now', example: example(now, true) },
        ],
        chosen,
        fields: fieldViews(fields, query, errors),
        errorList: errorList(errors, fields),
      });
  });

  const reasonFields = {
    reason: textareaField({
      label: 'Why is the partnership adopting this protocol?',
      hint: 'For example, the partnership’s board agreed the new escalation policy on 1 December',
      schema: z
        .string()
        .trim()
        .min(1, 'Enter why the partnership is adopting it')
        .max(2000, 'Reason must be 2000 characters or fewer'),
      rows: 4,
    }),
  };

  const adoptPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    open: OpenDraft,
    values: Record<string, unknown>,
    errors: FormErrors,
  ) => {
    const facts = await services.protocolAdoptionFacts(webContext(request), {
      source: draftYaml(open.data),
    });
    return reply
      .code(Object.keys(errors).length > 0 ? 400 : 200)
      .render('protocolEditor/adopt.njk', {
        pageTitle: `Adopt ${String(open.data.name ?? 'the draft')}`,
        overview: draftHref(open.draft),
        action: draftHref(open.draft, 'adopt'),
        csrfToken: reply.generateCsrf(),
        draftVersion: versionToShow(values, open.draft),
        currentVersion: facts.currentVersion,
        openCasesOnCurrent: facts.openCasesOnCurrent,
        openCases: facts.openCases,
        workingTimeChange: facts.workingTimeChange,
        fields: fieldViews(reasonFields, values, errors),
        errorList: errorList(errors, reasonFields),
      });
  };

  app.get('/protocol/drafts/:id/adopt', async (request, reply) => {
    const open = await openDraft(services, request);
    if (!checked(open))
      return notReady(reply, open, 'The draft cannot be adopted until its problems are fixed');
    return adoptPage(request, reply, open, answersOr(request, {}), {});
  });

  app.post('/protocol/drafts/:id/adopt', async (request, reply) => {
    try {
      return await adopt(request, reply);
    } catch (error) {
      // Adopted a moment ago (a second click, or someone else) or changed since the page was
      // shown: a conflict, saying where to look, not a missing page.
      if (!(error instanceof Conflict)) throw error;
      return reply.code(409).render('protocolEditor/adoptConflict.njk', {
        pageTitle: DRAFT_GONE,
        detail: 'Nothing was adopted this time. The protocol in force says which version runs now.',
      });
    }
  });

  const adopt = async (request: FastifyRequest, reply: FastifyReply) => {
    const open = await openDraft(services, request, { adopting: true });
    if (!checked(open))
      return notReady(reply, open, 'The draft cannot be adopted until its problems are fixed', 400);
    const body = bodyOf(request.body);
    const form = checkFields(reasonFields, body);
    if (!form.ok) return adoptPage(request, reply, open, body, form.errors);
    const { version } = await services.adoptProtocolDraft(
      {
        id: open.draft.id,
        draftVersion: sentVersion(request, open.draft),
        source: draftYaml(open.data),
        reason: form.values.reason,
      },
      webContext(request),
    );
    return reply.redirect(`/protocol?adopted=${version}`, 303);
  };
}

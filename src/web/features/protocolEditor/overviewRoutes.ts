import type { FastifyInstance } from 'fastify';
import { formatInstant } from '../../../domain/calendar/formatting.ts';
import type { Services } from '../../../services.ts';
import { webContext } from '../../requestContext.ts';
import { capListNames, capsOf } from './capForm.ts';
import { type DraftData, entries, list, rec, stageLabel, str, strs } from './draftData.ts';
import {
  backTo,
  confirmed,
  draftHref,
  openDraft,
  renderConfirm,
  sentVersion,
} from './draftRequest.ts';
import { linkedProblems } from './editorPages.ts';
import { timescaleWords } from './pathwayForm.ts';
import { yamlParts } from './yamlPartsForm.ts';

/** The draft's overview (its parts, each with a Change link, and the checker's problems) and deleting it. */
export async function overviewRoutes(app: FastifyInstance, services: Services) {
  app.get('/protocol/drafts/:id', async (request, reply) => {
    const { draft, data, problems } = await openDraft(services, request);
    const timeZone = str(rec(data.calendar).timeZone) || 'Europe/London';
    let updated: string;
    try {
      updated = formatInstant(Temporal.Instant.from(draft.updatedAt), timeZone);
    } catch {
      updated = formatInstant(Temporal.Instant.from(draft.updatedAt), 'Europe/London');
    }
    return reply.render('protocolEditor/overview.njk', {
      pageTitle: str(data.name) || 'Protocol draft',
      draftHref: draftHref(draft),
      basedOn: draft.basedOn,
      updated,
      sections: sections(draft.id, data),
      problems: linkedProblems(draft.id, data, problems),
    });
  });

  app.get('/protocol/drafts/:id/delete', async (request, reply) => {
    const { draft, data } = await openDraft(services, request);
    return renderConfirm(reply, draft, {
      pageTitle: `Are you sure you want to delete the draft “${str(data.name) || 'unnamed'}”?`,
      text: 'Everything changed in it is lost. The protocol in force does not change.',
      button: 'Delete draft',
      back: '',
      action: 'delete',
    });
  });

  app.post('/protocol/drafts/:id/delete', async (request, reply) => {
    const { draft } = await openDraft(services, request);
    if (!confirmed(request)) return backTo(reply, draft, 'delete');
    sentVersion(request, draft);
    await services.deleteProtocolDraft({ id: draft.id }, webContext(request));
    return reply.redirect('/protocol/drafts/new?deleted=1', 303);
  });
}

type Row = { key: string; value: string; href?: string };
type Section = { title: string; href: string; rows: Row[] };

const yesOrNo = (value: unknown) => (value === true ? 'Yes' : 'No');
const orNone = (value: string) => value || 'Not given';

/** The draft's parts as summary lists, each with the page that changes it. */
function sections(id: string, data: DraftData): Section[] {
  const href = (rest: string) => `/protocol/drafts/${id}/${rest}`;
  const terms = rec(data.terms);
  const calendar = rec(data.calendar);
  const hours = rec(calendar.workingHours);
  const urgent = rec(data.urgent);
  const recording = rec(data.recording);
  const learning = rec(data.learning);
  const caps = capListNames(data).flatMap((name) => capsOf(data, name));
  return [
    {
      title: 'About the protocol',
      href: href('about'),
      rows: [
        { key: 'Id', value: orNone(str(data.id)) },
        { key: 'Name', value: orNone(str(data.name)) },
        { key: 'Version number', value: orNone(str(data.version)) },
        { key: 'Summary', value: str(data.summary) || 'None' },
      ],
    },
    {
      title: 'Terms',
      href: href('terms'),
      rows: [
        { key: 'The partnership', value: orNone(str(terms.partnership)) },
        { key: 'The front door', value: orNone(str(terms.frontDoor)) },
        { key: 'The monitoring team', value: orNone(str(terms.monitoringTeam)) },
        { key: 'A rung of the ladder', value: str(terms.stage) || 'stage' },
      ],
    },
    {
      title: 'Calendar',
      href: href('calendar'),
      rows: [
        { key: 'Bank holidays of', value: orNone(str(calendar.region)) },
        { key: 'Time zone', value: orNone(str(calendar.timeZone)) },
        { key: 'Working hours', value: `${orNone(str(hours.start))} to ${orNone(str(hours.end))}` },
        {
          key: 'Working weekdays',
          value:
            calendar.workingWeekdays === undefined
              ? 'Monday to Friday'
              : strs(calendar.workingWeekdays).join(', '),
        },
      ],
    },
    {
      title: 'Levels of seniority',
      href: href('levels'),
      rows:
        list(data.levels).length === 0
          ? [{ key: 'Levels', value: 'None: stages name the five roles only' }]
          : entries(data.levels).map((level) => ({
              key: str(level.name) || str(level.id) || 'Unnamed level',
              value: `Counts as ${str(level.role) || 'no role yet'}`,
            })),
    },
    {
      title: 'Stages',
      href: href('stages'),
      rows: entries(data.stages).map((stage, index) => ({
        key: stageLabel(data, stage),
        value: timescaleWords(rec(stage.timescale)) || 'No timescale given',
        href: href(`stages/${index}`),
      })),
    },
    {
      title: 'Limits over several stages',
      href: href('caps'),
      rows:
        caps.length === 0
          ? [{ key: 'Limits', value: 'None' }]
          : caps.map((cap) => ({
              key: str(cap.name) || 'Unnamed limit',
              value: `${timescaleWords(rec(cap.timescale)) || 'No limit given'} over ${strs(cap.stages).join(', ') || 'no stages'}`,
            })),
    },
    {
      title: 'Pathways',
      href: href('pathways'),
      rows:
        list(data.pathways).length === 0
          ? [{ key: 'Pathways', value: 'Only the main ladder' }]
          : entries(data.pathways).map((pathway, index) => ({
              key: str(pathway.name) || str(pathway.id) || 'Unnamed pathway',
              value:
                pathway.ladder === undefined
                  ? 'The main ladder’s stages'
                  : strs(pathway.ladder).join(', '),
              href: href(`pathways/${index}`),
            })),
    },
    {
      title: 'Urgent route',
      href: href('urgent'),
      rows: [
        { key: 'Guidance', value: orNone(str(urgent.guidance)) },
        { key: 'Tell the monitoring team at once', value: yesOrNo(urgent.notifyMonitoringTeam) },
        { key: 'Pathway', value: str(urgent.pathway) || 'The pathway its category selects' },
      ],
    },
    {
      title: 'Recording',
      href: href('recording'),
      rows: [
        { key: 'The child’s record', value: orNone(str(recording.childsRecord)) },
        { key: 'Guidance', value: orNone(str(recording.guidance)) },
      ],
    },
    {
      title: 'Learning',
      href: href('learning'),
      rows: [
        { key: 'Where lessons go', value: orNone(str(learning.route)) },
        { key: 'Guidance', value: orNone(str(learning.guidance)) },
      ],
    },
    {
      title: 'Other parts, as YAML',
      href: href('other-parts'),
      rows: yamlParts.map(([name, label]) => ({
        key: label,
        value: data[name] === undefined ? 'None' : 'Given',
      })),
    },
  ];
}

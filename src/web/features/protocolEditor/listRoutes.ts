import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFound } from '../../../domain/errors.ts';
import { bodyOf } from '../../../forms/form.ts';
import type { Services } from '../../../services.ts';
import { capListNames, capsCheckerPath, capsOf, capsPath, writeAt } from './capForm.ts';
import {
  allStageKeys,
  type DraftData,
  entries,
  list,
  rec,
  stageLabel,
  str,
  strs,
} from './draftData.ts';
import {
  backTo,
  confirmed,
  draftHref,
  type OpenDraft,
  openDraft,
  renderConfirm,
  saveData,
} from './draftRequest.ts';
import { timescaleWords } from './pathwayForm.ts';
import { rewriteStageReferences } from './stageReferences.ts';

// The lists of stages, limits and pathways: add, remove (after a confirmation) and, for
// stages, move up and down. Each change is saved to the draft at once.

type Item = {
  label: string;
  detail: string;
  href: string;
  removeHref: string;
  moves?: boolean;
  first?: boolean;
  last?: boolean;
  moveAction?: string;
};
type Group = { title: string; items: Item[]; addList?: string; addText: string };

function listPage(
  reply: FastifyReply,
  open: OpenDraft,
  page: { title: string; intro: string; addAction: string; groups: Group[]; detailHeader?: string },
  csrfToken: string,
) {
  // "Add a limit (limits on the pathway “MASH”)": only the title's first letter is lowered.
  const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
  return reply.render('protocolEditor/list.njk', {
    pageTitle: page.title,
    intro: page.intro,
    overview: draftHref(open.draft),
    addAction: page.addAction,
    detailHeader: page.detailHeader ?? 'Timescale',
    groups: page.groups.map((group) => ({
      ...group,
      addButton:
        page.groups.length > 1 ? `${group.addText} (${lowerFirst(group.title)})` : group.addText,
    })),
    csrfToken,
    draftVersion: open.draft.version,
  });
}

const firstFree = (taken: readonly string[], prefix: string) => {
  let n = 1;
  while (taken.includes(`${prefix}-${n}`)) n++;
  return n;
};

/** The draft without a stage: taken out of jumps, limits, pathways and forms too (stageReferences). */
export function withoutStage(data: DraftData, index: number): DraftData {
  const stages = entries(data.stages);
  const key = str(stages[index]?.key);
  return rewriteStageReferences(
    { ...data, stages: stages.filter((_, i) => i !== index) },
    key,
    undefined,
  );
}

export async function listRoutes(app: FastifyInstance, services: Services) {
  const index = (request: FastifyRequest, length: number) => {
    const raw = (request.params as Record<string, string>).index ?? '';
    const at = Number(raw);
    if (!/^\d+$/.test(raw) || at >= length)
      throw new NotFound('There is no such part of the draft');
    return at;
  };

  // Stages.
  app.get('/protocol/drafts/:id/stages', async (request, reply) => {
    const open = await openDraft(services, request);
    const stages = entries(open.data.stages);
    return listPage(
      reply,
      open,
      {
        title: 'Stages',
        intro: 'The main ladder, in order. A case starts at the first stage.',
        addAction: draftHref(open.draft, 'stages'),
        groups: [
          {
            title: 'Stages',
            addText: 'Add a stage',
            items: stages.map((stage, i) => ({
              label: stageLabel(open.data, stage),
              detail: timescaleWords(rec(stage.timescale)) || 'No timescale given',
              href: draftHref(open.draft, `stages/${i}`),
              removeHref: draftHref(open.draft, `stages/${i}/remove`),
              moves: true,
              first: i === 0,
              last: i === stages.length - 1,
              moveAction: draftHref(open.draft, `stages/${i}`),
            })),
          },
        ],
      },
      reply.generateCsrf(),
    );
  });

  app.post('/protocol/drafts/:id/stages', async (request, reply) => {
    const open = await openDraft(services, request);
    const stages = entries(open.data.stages);
    const n = firstFree(allStageKeys(open.data), 'stage');
    const stage = {
      key: `stage-${n}`,
      // The number after the highest whole number the ladder uses (stage 3 → 4).
      number:
        Math.max(0, ...stages.map((existing) => Number(existing.number)).filter(Number.isInteger)) +
        1,
      name: '',
      who: '',
      roles: { raising: [], other: [] },
      timescale: { unit: 'workingDays', amount: 5 },
      guidance: '',
    };
    await saveData(services, request, open.draft, { ...open.data, stages: [...stages, stage] });
    return backTo(reply, open.draft, `stages/${stages.length}`);
  });

  for (const direction of ['up', 'down'] as const) {
    app.post(`/protocol/drafts/:id/stages/:index/move-${direction}`, async (request, reply) => {
      const open = await openDraft(services, request);
      const stages = [...list(open.data.stages)];
      const at = index(request, stages.length);
      const to = direction === 'up' ? at - 1 : at + 1;
      if (to >= 0 && to < stages.length) {
        [stages[at], stages[to]] = [stages[to], stages[at]];
        await saveData(services, request, open.draft, { ...open.data, stages });
      }
      return backTo(reply, open.draft, 'stages');
    });
  }

  app.get('/protocol/drafts/:id/stages/:index/remove', async (request, reply) => {
    const open = await openDraft(services, request);
    const at = index(request, list(open.data.stages).length);
    return renderConfirm(reply, open.draft, {
      pageTitle: `Are you sure you want to remove ${stageLabel(open.data, rec(list(open.data.stages)[at]))}?`,
      text: 'It is also taken out of other stages’ jumps, the limits that cover it, the pathways’ ladders and changes, forms’ fields and the delay guidance.',
      button: 'Remove stage',
      back: 'stages',
      action: `stages/${at}/remove`,
    });
  });

  app.post('/protocol/drafts/:id/stages/:index/remove', async (request, reply) => {
    const open = await openDraft(services, request);
    const at = index(request, list(open.data.stages).length);
    if (!confirmed(request)) return backTo(reply, open.draft, `stages/${at}/remove`);
    await saveData(services, request, open.draft, withoutStage(open.data, at));
    return backTo(reply, open.draft, 'stages');
  });

  // Limits (caps): the protocol's, the urgent route's and each pathway's.
  const capGroups = (open: OpenDraft): Group[] =>
    capListNames(open.data).map((name) => ({
      title:
        name === 'protocol'
          ? 'Limits on every case'
          : name === 'urgent'
            ? 'Limits on urgent cases'
            : `Limits on the pathway “${str(rec(list(open.data.pathways)[Number(name.replace('pathway-', ''))]).name) || name}”`,
      addList: name,
      addText: 'Add a limit',
      items: capsOf(open.data, name).map((cap, i) => ({
        label: str(cap.name) || 'Unnamed limit',
        detail: `${timescaleWords(rec(cap.timescale)) || 'No limit given'} over ${strs(cap.stages).join(', ') || 'no stages'}`,
        href: draftHref(open.draft, `caps/${name}/${i}`),
        removeHref: draftHref(open.draft, `caps/${name}/${i}/remove`),
      })),
    }));

  app.get('/protocol/drafts/:id/caps', async (request, reply) => {
    const open = await openDraft(services, request);
    return listPage(
      reply,
      open,
      {
        title: 'Limits over several stages',
        intro:
          'A limit (a cap) sets the latest time for the stages it covers, counted from raising or from the start of a stage. The earliest of a stage’s own timescale and its limits applies.',
        addAction: draftHref(open.draft, 'caps'),
        groups: capGroups(open),
      },
      reply.generateCsrf(),
    );
  });

  app.post('/protocol/drafts/:id/caps', async (request, reply) => {
    const open = await openDraft(services, request);
    const name = String(bodyOf(request.body).list ?? 'protocol');
    const path = capListNames(open.data).includes(name) ? capsPath(name) : undefined;
    if (!path) throw new NotFound('There is no such list of limits');
    const caps = capsOf(open.data, name);
    const cap = { name: '', stages: [], from: 'raised', timescale: { unit: 'workingDays' } };
    await saveData(services, request, open.draft, writeAt(open.data, path, [...caps, cap]));
    return backTo(reply, open.draft, `caps/${name}/${caps.length}`);
  });

  app.get('/protocol/drafts/:id/caps/:list/:index/remove', async (request, reply) => {
    const open = await openDraft(services, request);
    const name = (request.params as Record<string, string>).list ?? '';
    const caps = capListNames(open.data).includes(name) ? capsOf(open.data, name) : [];
    const at = index(request, caps.length);
    return renderConfirm(reply, open.draft, {
      pageTitle: `Are you sure you want to remove the limit “${str(caps[at]?.name) || 'unnamed'}”?`,
      text: `It is taken out of ${capsCheckerPath(name)}.`,
      button: 'Remove limit',
      back: 'caps',
      action: `caps/${name}/${at}/remove`,
    });
  });

  app.post('/protocol/drafts/:id/caps/:list/:index/remove', async (request, reply) => {
    const open = await openDraft(services, request);
    const name = (request.params as Record<string, string>).list ?? '';
    const path = capListNames(open.data).includes(name) ? capsPath(name) : undefined;
    const caps = capsOf(open.data, name);
    const at = index(request, path ? caps.length : 0);
    if (!confirmed(request)) return backTo(reply, open.draft, `caps/${name}/${at}/remove`);
    await saveData(
      services,
      request,
      open.draft,
      writeAt(
        open.data,
        path ?? [],
        caps.filter((_, i) => i !== at),
      ),
    );
    return backTo(reply, open.draft, 'caps');
  });

  // Pathways.
  app.get('/protocol/drafts/:id/pathways', async (request, reply) => {
    const open = await openDraft(services, request);
    return listPage(
      reply,
      open,
      {
        title: 'Pathways',
        intro:
          'A pathway is another ladder for some cases: those of the categories that select it, urgent cases if the urgent route names it, or any case whose raiser chooses it.',
        addAction: draftHref(open.draft, 'pathways'),
        detailHeader: 'Stages',
        groups: [
          {
            title: 'Pathways',
            addText: 'Add a pathway',
            items: entries(open.data.pathways).map((pathway, i) => ({
              label: str(pathway.name) || str(pathway.id) || 'Unnamed pathway',
              detail:
                pathway.ladder === undefined
                  ? 'The main ladder’s stages'
                  : strs(pathway.ladder).join(', '),
              href: draftHref(open.draft, `pathways/${i}`),
              removeHref: draftHref(open.draft, `pathways/${i}/remove`),
            })),
          },
        ],
      },
      reply.generateCsrf(),
    );
  });

  app.post('/protocol/drafts/:id/pathways', async (request, reply) => {
    const open = await openDraft(services, request);
    const pathways = entries(open.data.pathways);
    const n = firstFree(
      pathways.map((pathway) => str(pathway.id)),
      'pathway',
    );
    const pathway = { id: `pathway-${n}`, name: '', raiserMayChoose: true };
    await saveData(services, request, open.draft, {
      ...open.data,
      pathways: [...pathways, pathway],
    });
    return backTo(reply, open.draft, `pathways/${pathways.length}`);
  });

  app.get('/protocol/drafts/:id/pathways/:index/remove', async (request, reply) => {
    const open = await openDraft(services, request);
    const at = index(request, list(open.data.pathways).length);
    return renderConfirm(reply, open.draft, {
      pageTitle: `Are you sure you want to remove the pathway “${str(rec(list(open.data.pathways)[at]).name) || 'unnamed'}”?`,
      text: 'Its own stages and limits go with it; categories that selected it select the main ladder.',
      button: 'Remove pathway',
      back: 'pathways',
      action: `pathways/${at}/remove`,
    });
  });

  app.post('/protocol/drafts/:id/pathways/:index/remove', async (request, reply) => {
    const open = await openDraft(services, request);
    const pathways = entries(open.data.pathways);
    const at = index(request, pathways.length);
    if (!confirmed(request)) return backTo(reply, open.draft, `pathways/${at}/remove`);
    const id = str(pathways[at]?.id);
    const categories = Object.fromEntries(
      Object.entries(rec(open.data.categories)).filter(([, pathwayId]) => pathwayId !== id),
    );
    const urgent = rec(open.data.urgent);
    const data: DraftData = {
      ...open.data,
      pathways: pathways.filter((_, i) => i !== at),
      ...(open.data.categories === undefined ? {} : { categories }),
      ...(urgent.pathway === id ? { urgent: { ...urgent, pathway: undefined } } : {}),
    };
    await saveData(services, request, open.draft, data);
    return backTo(reply, open.draft, 'pathways');
  });
}

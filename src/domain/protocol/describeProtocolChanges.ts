import { listInWords } from '../calendar/formatting.ts';
import { lessonThemeNames } from '../vocabularyNames.ts';
import {
  capListChanges,
  keyListChanges,
  stageListChanges,
  stagePartChanges,
  textListChanges,
  type Versions,
} from './describeStageChanges.ts';
import { categoryName } from './offeredCategories.ts';
import {
  matchBy,
  otherChanges,
  type ProtocolChange,
  same,
  shown,
  textChange,
  wordsChange,
} from './protocolChangeParts.ts';
import type { Protocol, ProtocolPathway } from './protocolSchema.ts';
import {
  capitalise,
  childsRecordNames,
  pathwayName,
  stageKeyName,
  stagesInWords,
  stageTerm,
  weekdaysInWords,
  workingHoursInWords,
} from './protocolWords.ts';

export type { ProtocolChange } from './protocolChangeParts.ts';

/** The differences in one part of the protocol (its stages, a pathway, the urgent route…). */
export type ProtocolChangeGroup = { part: string; changes: ProtocolChange[] };

/**
 * What changed from one version of a protocol to another, in plain English sentences grouped
 * by part, worked out from the two parsed protocols (not their text): an empty list when
 * nothing that the protocol says changed. Any field not worded here still appears, generically.
 */
export function describeProtocolChanges(was: Protocol, now: Protocol): ProtocolChangeGroup[] {
  const versions: Versions = { was, now };
  const groups: ProtocolChangeGroup[] = [
    { part: 'About the protocol', changes: aboutChanges(was, now) },
    { part: 'Working time', changes: calendarChanges(was, now) },
    { part: `The ${stageTerm(now)}s`, changes: stageListChanges(versions, was.stages, now.stages) },
    { part: 'Caps', changes: capListChanges(versions, was.caps, now.caps) },
    ...pathwayGroups(versions),
    { part: 'Categories', changes: categoryChanges(versions) },
    { part: 'Levels of seniority', changes: levelChanges(was, now) },
    { part: 'Monitoring forms', changes: formChanges(was, now) },
    { part: 'The urgent route', changes: urgentChanges(versions) },
    { part: 'Recording', changes: recordingChanges(was, now) },
    { part: 'Learning', changes: learningChanges(was, now) },
    { part: 'Other guidance', changes: guidanceChanges(versions) },
  ];
  return groups.filter((group) => group.changes.length > 0);
}

function aboutChanges(was: Protocol, now: Protocol): ProtocolChange[] {
  const changes: ProtocolChange[] = [
    ...textChange('The protocol’s id', was.id, now.id),
    ...wordsChange('The file’s own version number', String(was.version), String(now.version)),
    ...textChange('The protocol’s name', was.name, now.name),
    ...textChange('The summary', was.summary, now.summary, { long: true }),
  ];
  const terms = {
    partnership: 'The partnership’s name',
    frontDoor: 'The name of the front door',
    monitoringTeam: 'The name of the monitoring team',
    stage: 'What a rung of the ladder is called',
  } as const;
  for (const [key, words] of Object.entries(terms))
    changes.push(
      ...textChange(
        words,
        was.terms[key as keyof typeof terms],
        now.terms[key as keyof typeof terms],
      ),
    );
  changes.push(...otherChanges('the terms', was.terms, now.terms, Object.keys(terms)));
  const { removed, added, kept } = matchBy(was.sources, now.sources, (source) => source.ref);
  for (const source of added)
    changes.push({ text: `Source '${source.ref}' added: ${source.title}` });
  for (const source of removed) changes.push({ text: `Source '${source.ref}' removed` });
  for (const pair of kept)
    changes.push(
      ...textChange(`The title of source '${pair.now.ref}'`, pair.was.title, pair.now.title),
    );
  return changes;
}

function calendarChanges(was: Protocol, now: Protocol): ProtocolChange[] {
  const a = was.calendar;
  const b = now.calendar;
  const regions = {
    'england-and-wales': 'England and Wales',
    scotland: 'Scotland',
    'northern-ireland': 'Northern Ireland',
  };
  return [
    ...wordsChange('The bank holiday calendar', regions[a.region], regions[b.region]),
    ...wordsChange('The time zone', a.timeZone, b.timeZone),
    ...wordsChange(
      'Working hours',
      workingHoursInWords(a.workingHours),
      workingHoursInWords(b.workingHours),
    ),
    ...wordsChange(
      'Working days',
      weekdaysInWords(a.workingWeekdays),
      weekdaysInWords(b.workingWeekdays),
    ),
    ...otherChanges('the calendar', a, b, [
      'region',
      'timeZone',
      'workingHours',
      'workingWeekdays',
    ]),
  ];
}

function pathwayGroups(versions: Versions): ProtocolChangeGroup[] {
  const { was, now } = versions;
  const { removed, added, kept } = matchBy(was.pathways, now.pathways, (pathway) => pathway.id);
  const groups: ProtocolChangeGroup[] = [];
  if (removed.length + added.length > 0)
    groups.push({
      part: 'Pathways',
      changes: [
        ...added.map((pathway) => ({
          text: `Pathway '${pathway.id}' added: ${pathway.name}, ${ladderWords(now, pathway)}`,
        })),
        ...removed.map((pathway) => ({ text: `Pathway '${pathway.id}' removed` })),
      ],
    });
  for (const pair of kept)
    groups.push({
      part: `The ${pair.now.name} pathway`,
      changes: pathwayChanges(versions, pair.was, pair.now),
    });
  return groups;
}

function ladderWords(protocol: Protocol, pathway: ProtocolPathway): string {
  const keys = pathway.ladder ?? protocol.stages.map((stage) => stage.key);
  return `its ladder ${listInWords(keys.map((key) => stageKeyName(protocol, key)))}`;
}

function pathwayChanges(
  versions: Versions,
  was: ProtocolPathway,
  now: ProtocolPathway,
): ProtocolChange[] {
  const label = `The ${now.name} pathway`;
  const changes: ProtocolChange[] = [
    ...textChange(`The name of pathway '${now.id}'`, was.name, now.name),
    ...textChange(`Guidance of the ${now.name} pathway`, was.guidance, now.guidance, {
      long: true,
    }),
    ...textChange(`The notice of the ${now.name} pathway`, was.notice, now.notice, { long: true }),
    ...textChange(`Source of the ${now.name} pathway`, was.source, now.source),
  ];
  if (was.raiserMayChoose !== now.raiserMayChoose)
    changes.push({
      text: `The raiser may ${now.raiserMayChoose ? 'now' : 'no longer'} choose the ${now.name} pathway`,
    });
  // Its own stages: added, removed, changed (where they stand is said with the ladder).
  const own = matchBy(was.stages, now.stages, (stage) => stage.key);
  const ownKeys = new Set([...own.added, ...own.removed].map((stage) => stage.key));
  changes.push(
    ...stageListChanges(versions, was.stages, now.stages).filter(
      (change) => !/ moved: /.test(change.text),
    ),
  );
  // The ladder, where the pathway gives its own.
  if (was.ladder || now.ladder) {
    const general = (protocol: Protocol) => protocol.stages.map((stage) => stage.key);
    changes.push(
      ...keyListChanges(
        versions,
        label,
        was.ladder ?? general(versions.was),
        now.ladder ?? general(versions.now),
        ownKeys,
      ),
    );
  }
  for (const key of new Set([...Object.keys(was.atStages), ...Object.keys(now.atStages)])) {
    const before = was.atStages[key] ?? {};
    const after = now.atStages[key] ?? {};
    if (same(before, after)) continue;
    const stage = stageKeyName(versions.now, key);
    changes.push(
      ...stagePartChanges(
        versions,
        `${label}, at ${stage}`,
        `${stage} on the ${now.name} pathway`,
        before,
        after,
      ),
    );
  }
  changes.push(...capListChanges(versions, was.caps, now.caps));
  changes.push(
    ...otherChanges(`the ${now.name} pathway`, was, now, [
      'id',
      'name',
      'guidance',
      'notice',
      'source',
      'raiserMayChoose',
      'stages',
      'ladder',
      'atStages',
      'caps',
    ]),
  );
  return changes;
}

function categoryChanges({ was, now }: Versions): ProtocolChange[] {
  const changes: ProtocolChange[] = [];
  const all = new Set([...Object.keys(was.categories), ...Object.keys(now.categories)]);
  for (const category of all) {
    const before = was.categories[category] ?? 'general';
    const after = now.categories[category] ?? 'general';
    if (before !== after)
      changes.push({
        text: `Category '${category}' (${categoryName(now, category)}) now takes ${pathwayName(now, after)} (it took ${pathwayName(was, before)})`,
      });
  }
  const offered = (protocol: Protocol) =>
    new Map(
      (protocol.categoryGroups ?? []).flatMap((group) =>
        group.categories.map((category) => [category.id, { ...category, group: group.name }]),
      ),
    );
  if (!was.categoryGroups && now.categoryGroups)
    changes.push({
      text: `Raising now offers only the protocol’s own categories, in its groups: ${listInWords(now.categoryGroups.map((group) => `'${group.name}'`))}`,
    });
  if (was.categoryGroups && !now.categoryGroups)
    changes.push({ text: 'Raising now offers every category, in the service’s own groups' });
  if (was.categoryGroups && now.categoryGroups) {
    const before = offered(was);
    const after = offered(now);
    for (const [id, category] of after) {
      const old = before.get(id);
      if (!old) {
        changes.push({ text: `Category '${id}' now offered when raising, in '${category.group}'` });
        continue;
      }
      if (old.group !== category.group)
        changes.push({
          text: `Category '${id}' moved from group '${old.group}' to '${category.group}'`,
        });
      changes.push(...textChange(`The label of category '${id}'`, old.label, category.label));
      changes.push(...textChange(`The hint of category '${id}'`, old.hint, category.hint));
    }
    for (const id of before.keys())
      if (!after.has(id)) changes.push({ text: `Category '${id}' no longer offered when raising` });
    const names = (protocol: Protocol) =>
      (protocol.categoryGroups ?? []).map((group) => group.name);
    if (!same(names(was), names(now)) && changes.length === 0)
      changes.push({
        text: 'The groups of categories changed',
        was: names(was).join('\n'),
        now: names(now).join('\n'),
      });
  }
  return changes;
}

function levelChanges(was: Protocol, now: Protocol): ProtocolChange[] {
  const { removed, added, kept } = matchBy(was.levels, now.levels, (level) => level.id);
  const changes: ProtocolChange[] = [
    ...added.map((level) => ({
      text: `Level '${level.name}' added, counting as ${level.role.replaceAll('-', ' ')}`,
    })),
    ...removed.map((level) => ({ text: `Level '${level.name}' removed` })),
  ];
  for (const pair of kept) {
    changes.push(
      ...textChange(`The name of level '${pair.was.name}'`, pair.was.name, pair.now.name),
    );
    changes.push(
      ...wordsChange(
        `Level '${pair.now.name}': the role it counts as`,
        pair.was.role.replaceAll('-', ' '),
        pair.now.role.replaceAll('-', ' '),
      ),
    );
    changes.push(
      ...otherChanges(`level '${pair.now.name}'`, pair.was, pair.now, ['id', 'name', 'role']),
    );
  }
  return changes;
}

function formChanges(was: Protocol, now: Protocol): ProtocolChange[] {
  const { removed, added, kept } = matchBy(was.forms, now.forms, (form) => form.id);
  const changes: ProtocolChange[] = [
    ...added.map((form) => ({ text: `Monitoring form '${form.title}' added` })),
    ...removed.map((form) => ({ text: `Monitoring form '${form.title}' removed` })),
  ];
  for (const { was: before, now: after } of kept) {
    const label = `monitoring form '${after.title}'`;
    changes.push(
      ...textChange(`The title of monitoring form '${before.title}'`, before.title, after.title),
    );
    changes.push(
      ...textChange(`The introduction of ${label}`, before.intro, after.intro, { long: true }),
    );
    changes.push(...textChange(`Source of ${label}`, before.source, after.source));
    const fields = matchBy(before.fields, after.fields, (field) => field.label);
    for (const field of fields.added)
      changes.push({ text: `${capitalise(label)}: field '${field.label}' added` });
    for (const field of fields.removed)
      changes.push({ text: `${capitalise(label)}: field '${field.label}' removed` });
    for (const pair of fields.kept)
      if (!same(pair.was, pair.now))
        changes.push({
          text: `${capitalise(label)}: what field '${pair.now.label}' is filled from changed`,
          was: shown(pair.was),
          now: shown(pair.now),
        });
    if (fields.added.length + fields.removed.length === 0) {
      const order = (form: typeof before) => form.fields.map((field) => field.label);
      if (!same(order(before), order(after)))
        changes.push({ text: `${capitalise(label)}: the order of its fields changed` });
    }
  }
  return changes;
}

function urgentChanges(versions: Versions): ProtocolChange[] {
  const was = versions.was.urgent;
  const now = versions.now.urgent;
  const changes: ProtocolChange[] = [
    ...textChange('Guidance for a child at immediate risk', was.guidance, now.guidance, {
      long: true,
    }),
    ...textChange('Source of the urgent route', was.source, now.source),
  ];
  if (was.notifyMonitoringTeam !== now.notifyMonitoringTeam)
    changes.push({
      text: `The ${versions.now.terms.monitoringTeam} is ${now.notifyMonitoringTeam ? 'now' : 'no longer'} told of every urgent disagreement`,
    });
  if (was.pathway !== now.pathway)
    changes.push({
      text: now.pathway
        ? `Urgent disagreements now take ${pathwayName(versions.now, now.pathway)}${was.pathway ? ` (they took ${pathwayName(versions.was, was.pathway)})` : ''}`
        : 'Urgent disagreements no longer take a pathway of their own: their category decides',
    });
  changes.push(
    ...capListChanges(versions, was.caps, now.caps).map((change) => ({
      ...change,
      text: `Urgent route: ${change.text.charAt(0).toLowerCase()}${change.text.slice(1)}`,
    })),
  );
  changes.push(
    ...otherChanges('the urgent route', was, now, [
      'guidance',
      'source',
      'notifyMonitoringTeam',
      'pathway',
      'caps',
    ]),
  );
  return changes;
}

function recordingChanges(was: Protocol, now: Protocol): ProtocolChange[] {
  return [
    ...wordsChange(
      'Where disagreements are recorded',
      childsRecordNames[was.recording.childsRecord],
      childsRecordNames[now.recording.childsRecord],
    ),
    ...textChange('Recording guidance', was.recording.guidance, now.recording.guidance, {
      long: true,
    }),
    ...textChange('Source of the recording guidance', was.recording.source, now.recording.source),
    ...otherChanges('recording', was.recording, now.recording, [
      'childsRecord',
      'guidance',
      'source',
    ]),
  ];
}

function learningChanges(was: Protocol, now: Protocol): ProtocolChange[] {
  const a = was.learning;
  const b = now.learning;
  const themes = (list: readonly (keyof typeof lessonThemeNames)[]) =>
    listInWords(list.map((theme) => lessonThemeNames[theme].toLowerCase()));
  const changes: ProtocolChange[] = [
    ...textChange('Where lessons go', a.route, b.route),
    ...textChange('Learning guidance', a.guidance, b.guidance, { long: true }),
    ...wordsChange('The themes of lessons', themes(a.themes), themes(b.themes)),
    ...textChange('Source of the learning guidance', a.source, b.source),
  ];
  const subgroups = matchBy(a.subgroups, b.subgroups, (subgroup) => subgroup.name);
  for (const subgroup of subgroups.added)
    changes.push({
      text: `Subgroup '${subgroup.name}' added, taking ${subgroup.themes ? themes(subgroup.themes) : 'every other theme'}`,
    });
  for (const subgroup of subgroups.removed)
    changes.push({ text: `Subgroup '${subgroup.name}' removed` });
  for (const pair of subgroups.kept)
    if (!same(pair.was.themes, pair.now.themes))
      changes.push({
        text: `Subgroup '${pair.now.name}' now takes ${pair.now.themes ? themes(pair.now.themes) : 'every other theme'}`,
      });
  changes.push(
    ...otherChanges('learning', a, b, ['route', 'guidance', 'themes', 'source', 'subgroups']),
  );
  return changes;
}

function guidanceChanges({ was, now }: Versions): ProtocolChange[] {
  const changes: ProtocolChange[] = [
    ...textChange('The out-of-hours route', was.outOfHours?.route, now.outOfHours?.route, {
      long: true,
    }),
    ...textChange('What to do about delay', was.delay?.guidance, now.delay?.guidance, {
      long: true,
    }),
  ];
  const delayStages = (protocol: Protocol) =>
    protocol.delay?.stages
      ? stagesInWords(protocol, protocol.delay.stages)
      : `every ${stageTerm(protocol)}`;
  if (was.delay && now.delay)
    changes.push(
      ...wordsChange('The stages the delay guidance covers', delayStages(was), delayStages(now)),
    );
  changes.push(
    ...textListChanges(
      'checklist questions',
      was.checklist?.questions ?? [],
      now.checklist?.questions ?? [],
    ),
    ...textChange('The checklist’s advice', was.checklist?.advice, now.checklist?.advice, {
      long: true,
    }),
    ...textListChanges(
      'principles',
      was.principles.map((principle) => principle.text),
      now.principles.map((principle) => principle.text),
    ),
  );
  const sources = (protocol: Protocol) => ({
    outOfHours: protocol.outOfHours?.source,
    delay: protocol.delay?.source,
    checklist: protocol.checklist?.source,
    principles: protocol.principles.map((principle) => principle.source ?? null),
  });
  changes.push(...otherChanges('the guidance', sources(was), sources(now), []));
  // What the protocol says that no part above words (a field added to the format later).
  changes.push(
    ...otherChanges('the protocol', was, now, [
      'id',
      'version',
      'name',
      'summary',
      'sources',
      'terms',
      'calendar',
      'stages',
      'caps',
      'pathways',
      'categories',
      'categoryGroups',
      'levels',
      'forms',
      'urgent',
      'recording',
      'learning',
      'outOfHours',
      'delay',
      'checklist',
      'principles',
    ]),
  );
  return changes;
}

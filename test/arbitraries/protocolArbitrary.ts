import fc from 'fast-check';
import { calendarRegions } from '../../src/domain/calendar/bankHolidays.ts';
import { formFieldSources } from '../../src/domain/protocol/protocolSchema.ts';
import { chairRules, stageRoles, stageSides } from '../../src/domain/protocol/stageSchema.ts';
import {
  agencyKinds,
  categories,
  GENERAL_PATHWAY,
  lessonThemes,
} from '../../src/domain/vocabulary.ts';
import {
  bool,
  Choices,
  type Data,
  fields,
  type G,
  groupsOf,
  inOrder,
  int,
  lineText,
  maybe,
  pick,
  someOf,
  text,
  times,
} from './choices.ts';
import { textArbitrary } from './textArbitrary.ts';

// Keys that look like other YAML types when unquoted, beside ordinary ones.
const trickyKeys = ['1', '10', '007', 'null', 'true', 'false', 'yes', 'no', '1e3', '0x1f', '0o7'];
const keyArbitrary = fc
  .oneof(
    fc.stringMatching(/^[a-z][a-z0-9]{0,7}(?:-[a-z0-9]{1,4}){0,2}$/),
    fc.constantFrom(...trickyKeys),
    fc.constantFrom('stage-1', 'stage-2', 'step-4a', 'front-door', 'panel'),
  )
  .filter(
    (key) =>
      key !== 'raised' &&
      key !== GENERAL_PATHWAY &&
      !(stageRoles as readonly string[]).includes(key),
  );

// Digits, digits and a letter, and text that must stay text ("01", "null", "1.5").
const stageNumberArbitrary = fc.oneof(
  fc.nat({ max: 40 }),
  fc.stringMatching(/^[1-9][0-9]?[a-d]?$/),
  fc.constantFrom('01', '007', '1.5', 'null', 'true', '1e3', 'iv', ' 2b ', '99999999999999999999'),
);

const clockTimes = fc
  .uniqueArray(
    fc.record({ hour: fc.integer({ min: 0, max: 23 }), minute: fc.integer({ min: 0, max: 59 }) }),
    { minLength: 2, maxLength: 2, selector: ({ hour, minute }) => hour * 60 + minute },
  )
  .map((times) =>
    times
      .map(({ hour, minute }) => hour * 60 + minute)
      .sort((a, b) => a - b)
      .map(
        (m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`,
      ),
  );

const timeZones = ['Europe/London', 'europe/london', 'UTC', 'Europe/Dublin', 'America/New_York'];
const weekdays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

function timescale(g: G, allowNone = true): Data {
  const unit = pick(g, allowNone ? ['workingDays', 'hours', 'none'] : ['workingDays', 'hours']);
  const amount =
    unit === 'none' ? undefined : int(g, 1, unit === 'hours' ? (bool(g) ? 72 : 8760) : 260);
  return fields(g, [
    ['unit', unit],
    ['amount', amount],
    ['describes', maybe(g, () => text(g))],
  ]);
}

function roleList(g: G, pool: readonly string[], minLength: number): string[] {
  return someOf(g, pool, minLength, 3);
}

/** The kinds of agency whose people may hold each level; every kind for a level that names none. */
type LevelKinds = ReadonlyMap<string, readonly string[] | undefined>;

function byAgencyKind(g: G, pool: readonly string[], levelKinds: LevelKinds): Data | undefined {
  // A level stands in for an agency of a kind only if that kind's people may hold it.
  const fitting = (kind: string) =>
    pool.filter((name) => {
      if (!levelKinds.has(name)) return true;
      const kinds = levelKinds.get(name);
      return kinds === undefined || kinds.includes(kind);
    });
  return maybe(g, () =>
    Object.fromEntries(
      someOf(g, agencyKinds, 0, 3).map((kind) => [kind, roleList(g, fitting(kind), 1)]),
    ),
  );
}

function stageRolesFor(g: G, sides: string, pool: readonly string[], levelKinds: LevelKinds): Data {
  return fields(g, [
    ['raising', roleList(g, pool, sides === 'partnership' ? 0 : 1), []],
    ['other', sides === 'raising' ? [] : roleList(g, pool, 0), []],
    ['partnership', sides === 'partnership' ? roleList(g, pool, 1) : [], []],
    ['byAgencyKind', byAgencyKind(g, pool, levelKinds), {}],
  ]);
}

type StageContext = {
  roles: readonly string[];
  levelKinds: LevelKinds;
  formIds: readonly string[];
};

function stage(g: G, key: string, number: unknown, context: StageContext): Data {
  const sides = pick(g, stageSides);
  const onEntry = fields(g, [
    ['notifyMonitoringTeam', bool(g), false],
    ['tellOtherAgencyFirst', bool(g), false],
    [
      'monitoringForm',
      context.formIds.length > 0 ? maybe(g, () => pick(g, context.formIds)) : undefined,
    ],
    [
      'writtenAccount',
      maybe(g, () =>
        fields(g, [
          ['prompt', text(g)],
          ['writtenBy', maybe(g, () => text(g))],
        ]),
      ),
    ],
    [
      'chairedMeeting',
      maybe(g, () =>
        fields(g, [
          ['chair', pick(g, chairRules)],
          ['purpose', text(g)],
          ['minuted', bool(g), true],
        ]),
      ),
    ],
  ]);
  return fields(g, [
    ['key', key],
    ['number', number, null],
    ['name', text(g)],
    ['who', text(g)],
    ['sides', sides, 'both'],
    ['roles', stageRolesFor(g, sides, context.roles, context.levelKinds)],
    ['timescale', timescale(g)],
    ['guidance', text(g)],
    ['prompts', times(int(g, 0, 3), () => lineText(g)), []],
    ['source', maybe(g, () => text(g))],
    ['onEntry', onEntry, {}],
  ]);
}

function stageChanges(g: G, context: StageContext): Data {
  // A change of sides brings the roles that fit it: the stage as changed must still be valid.
  const sides = maybe(g, () => pick(g, stageSides));
  return fields(g, [
    ['who', maybe(g, () => text(g))],
    ['sides', sides],
    ['roles', sides ? stageRolesFor(g, sides, context.roles, context.levelKinds) : undefined],
    ['timescale', maybe(g, () => timescale(g))],
    ['guidance', maybe(g, () => text(g))],
    ['prompts', maybe(g, () => times(int(g, 0, 2), () => lineText(g)))],
  ]);
}

/** Each ladder a case may climb: the general stages, and each pathway's. */
type Ladder = readonly string[];

/** Stages a cap from `from` may cover: on every ladder with the stage, `from` comes at or before it. */
function coverable(from: string, keys: readonly string[], ladders: readonly Ladder[]): string[] {
  if (from === 'raised') return [...keys];
  return keys.filter((key) =>
    ladders
      .filter((ladder) => ladder.includes(key))
      .every((ladder) => ladder.includes(from) && ladder.indexOf(from) <= ladder.indexOf(key)),
  );
}

function cap(g: G, keys: readonly string[], ladders: readonly Ladder[]): Data {
  const from = bool(g) ? 'raised' : pick(g, keys);
  return fields(g, [
    ['name', text(g)],
    ['stages', someOf(g, coverable(from, keys, ladders), 1, 4)],
    ['from', from],
    ['timescale', timescale(g, false)],
    ['source', maybe(g, () => text(g))],
  ]);
}

/** Later stages a stage may jump to: on some ladder with it, and later on every such ladder. */
function jumpTargets(key: string, keys: readonly string[], ladders: readonly Ladder[]): string[] {
  return keys.filter((target) => {
    const shared = ladders.filter((ladder) => ladder.includes(key) && ladder.includes(target));
    return (
      shared.length > 0 && shared.every((ladder) => ladder.indexOf(target) > ladder.indexOf(key))
    );
  });
}

function formField(g: G, keys: readonly string[]): Data {
  const from = pick(g, formFieldSources);
  const needsStages = from === 'stage-outcomes';
  const needsStage = from === 'stage-meeting-date' || from === 'stage-participants';
  return fields(g, [
    ['label', text(g)],
    ['from', from],
    ['stages', needsStages ? someOf(g, keys, 1, 3) : undefined],
    ['stage', needsStage ? pick(g, keys) : undefined],
    ['withAgency', from === 'stage-participants' && bool(g), false],
  ]);
}

function learning(g: G): Data {
  const themes = bool(g) ? [...lessonThemes] : someOf(g, lessonThemes, 1);
  const catchAll = bool(g);
  const claimed = catchAll ? someOf(g, themes, 0) : [...themes];
  const themed = claimed.length === 0 ? [] : groupsOf(g, claimed, int(g, 1, claimed.length));
  const subgroups = [
    ...themed.map((groupThemes) => ({ themes: groupThemes })),
    ...(catchAll ? [{}] : []),
  ].map((subgroup, i) =>
    fields(g, [
      ['name', `${text(g)} ${i + 1}`],
      ['themes', 'themes' in subgroup ? subgroup.themes : undefined],
      ['source', maybe(g, () => text(g))],
    ]),
  );
  return fields(g, [
    ['route', text(g)],
    ['guidance', text(g)],
    ['themes', themes, [...lessonThemes]],
    ['subgroups', catchAll && subgroups.length === 1 && bool(g) ? undefined : subgroups],
    ['source', maybe(g, () => text(g))],
  ]);
}

const MOST_STAGES = 5 + 3 * 2;
const MOST_IDS = MOST_STAGES + 3 + 3 + 2;

/**
 * A fast-check arbitrary of protocol files, as data before the schema reads them (defaults
 * sometimes written out, sometimes left to the schema), that pass validateProtocol: every field of
 * the format, with levels, roles by agency kind, stages the partnership takes, pathways with
 * their own stages, ladders, caps and the raiser's choice, the urgent route's pathway and caps,
 * category groups, forms drawing on every field source, jumps, caps from raising and from
 * stages, timescales in working days, hours or none, unicode and long text, numbers like "4a".
 */
export const protocolInputArbitrary: fc.Arbitrary<Data> = fc
  .record({
    seed: fc.integer(),
    texts: fc.array(textArbitrary, { minLength: 24, maxLength: 24 }),
    ids: fc.uniqueArray(keyArbitrary, { minLength: MOST_IDS, maxLength: MOST_IDS }),
    numbers: fc.uniqueArray(stageNumberArbitrary, {
      minLength: MOST_STAGES,
      maxLength: MOST_STAGES,
      selector: (n: unknown) => String(n).trim(),
    }),
    workingHours: clockTimes,
    protocolId: keyArbitrary,
  })
  .map((drawn) => buildProtocol(new Choices(drawn.seed, drawn.texts), drawn));

type Drawn = { ids: string[]; numbers: unknown[]; workingHours: string[]; protocolId: string };

function buildProtocol(g: G, drawn: Drawn): Data {
  const generalCount = int(g, 1, 5);
  const ownCounts = times(int(g, 0, 3), () => int(g, 0, 2));
  const levelCount = int(g, 0, 3);
  const formCount = int(g, 0, 2);
  const stageCount = generalCount + ownCounts.reduce((a, b) => a + b, 0);
  const ids = drawn.ids.slice(0, stageCount + ownCounts.length + levelCount + formCount);
  const stageKeys = ids.slice(0, stageCount);
  const pathwayIds = ids.slice(stageCount, stageCount + ownCounts.length);
  const levelIds = ids.slice(stageCount + ownCounts.length, -formCount || undefined);
  const formIds = formCount === 0 ? [] : ids.slice(-formCount);
  const numberOf = (i: number) => (bool(g) ? drawn.numbers[i] : undefined);
  const levelKinds: LevelKinds = new Map(
    levelIds.map((id) => [id, maybe(g, () => someOf(g, agencyKinds, 1, 3))]),
  );
  const context: StageContext = { roles: [...stageRoles, ...levelIds], levelKinds, formIds };

  const generalKeys = stageKeys.slice(0, generalCount);
  const stages = generalKeys.map((key, i) => stage(g, key, numberOf(i), context));
  let nextStage = generalCount;
  const pathways = ownCounts.map((ownCount, p) => {
    const ownKeys = stageKeys.slice(nextStage, nextStage + ownCount);
    const own = ownKeys.map((key, i) => stage(g, key, numberOf(nextStage + i), context));
    nextStage += ownCount;
    let ladder: string[] | undefined;
    if (ownCount > 0 || bool(g)) {
      ladder = inOrder(g, generalKeys, ownCount > 0 ? 0 : 1);
      for (const key of ownKeys) ladder.splice(int(g, 0, ladder.length), 0, key);
    }
    return { id: pathwayIds[p] as string, own, ladder };
  });
  const ladders: Ladder[] = [generalKeys, ...pathways.map((p) => p.ladder ?? generalKeys)];
  for (const definition of [...stages, ...pathways.flatMap((p) => p.own)]) {
    const targets = jumpTargets(definition.key as string, stageKeys, ladders);
    const jumpsTo = someOf(g, targets, 0, 2);
    if (jumpsTo.length > 0 || bool(g)) definition.jumpsTo = jumpsTo;
  }

  const offered = maybe(g, () => someOf(g, categories, 1, 10));
  const categoryGroups = offered
    ? groupsOf(g, offered, int(g, 1, Math.min(3, offered.length))).map((group) => ({
        name: text(g),
        categories: group.map((id) =>
          fields(g, [
            ['id', id],
            ['label', maybe(g, () => text(g))],
            ['hint', maybe(g, () => text(g))],
          ]),
        ),
      }))
    : undefined;
  const routes = [GENERAL_PATHWAY, ...pathwayIds];
  const categoryMap = Object.fromEntries(
    someOf(g, offered ?? categories, 0, 6).map((category) => [category, pick(g, routes)]),
  );
  const urgentPathway = maybe(g, () => pick(g, routes));
  const selected = new Set([...Object.values(categoryMap), urgentPathway]);

  const allLadders = (pathway: (typeof pathways)[number]) => [pathway.ladder ?? generalKeys];
  return fields(g, [
    ['id', drawn.protocolId],
    ['version', int(g, 1, 1000)],
    ['name', text(g)],
    ['summary', maybe(g, () => text(g))],
    ['sources', times(int(g, 0, 2), () => ({ ref: text(g), title: text(g) })), []],
    [
      'terms',
      fields(g, [
        ['partnership', text(g)],
        ['frontDoor', text(g)],
        ['monitoringTeam', text(g)],
        ['stage', bool(g) ? 'stage' : maybe(g, () => text(g)), 'stage'],
      ]),
    ],
    [
      'calendar',
      fields(g, [
        ['region', pick(g, calendarRegions)],
        ['timeZone', pick(g, timeZones)],
        ['workingHours', { start: drawn.workingHours[0], end: drawn.workingHours[1] }],
        ['workingWeekdays', maybe(g, () => someOf(g, weekdays, 1))],
      ]),
    ],
    ['stages', stages],
    ['caps', times(int(g, 0, 2), () => cap(g, stageKeys, ladders)), []],
    [
      'pathways',
      pathways.map((pathway) => {
        const keys = pathway.ladder ?? generalKeys;
        return fields(g, [
          ['id', pathway.id],
          ['name', text(g)],
          ['guidance', maybe(g, () => text(g))],
          ['notice', maybe(g, () => text(g))],
          ['source', maybe(g, () => text(g))],
          ['stages', pathway.own, []],
          ['ladder', pathway.ladder],
          [
            'atStages',
            Object.fromEntries(someOf(g, keys, 0, 2).map((key) => [key, stageChanges(g, context)])),
            {},
          ],
          ['caps', times(int(g, 0, 2), () => cap(g, keys, allLadders(pathway))), []],
          ['raiserMayChoose', !selected.has(pathway.id) || bool(g), false],
        ]);
      }),
      [],
    ],
    ['categories', categoryMap, {}],
    ['categoryGroups', categoryGroups],
    [
      'levels',
      levelIds.map((id) =>
        fields(g, [
          ['id', id],
          ['name', text(g)],
          ['role', pick(g, stageRoles)],
          ['agencyKinds', levelKinds.get(id)],
          ['source', maybe(g, () => text(g))],
        ]),
      ),
      [],
    ],
    [
      'forms',
      formIds.map((id) =>
        fields(g, [
          ['id', id],
          ['title', text(g)],
          ['intro', text(g)],
          ['source', maybe(g, () => text(g))],
          ['fields', times(int(g, 1, 4), () => formField(g, stageKeys))],
        ]),
      ),
      [],
    ],
    [
      'urgent',
      fields(g, [
        ['guidance', text(g)],
        ['notifyMonitoringTeam', bool(g)],
        ['pathway', urgentPathway],
        ['caps', times(int(g, 0, 2), () => cap(g, stageKeys, ladders)), []],
        ['source', maybe(g, () => text(g))],
      ]),
    ],
    [
      'recording',
      fields(g, [
        [
          'childsRecord',
          pick(g, ['not-on-childs-record', 'on-childs-record', 'agency-procedures']),
        ],
        ['guidance', text(g)],
        ['source', maybe(g, () => text(g))],
      ]),
    ],
    ['learning', learning(g)],
    [
      'outOfHours',
      maybe(g, () =>
        fields(g, [
          ['route', text(g)],
          ['source', maybe(g, () => text(g))],
        ]),
      ),
    ],
    [
      'delay',
      maybe(g, () =>
        fields(g, [
          ['stages', maybe(g, () => someOf(g, stageKeys, 1, 3))],
          ['guidance', text(g)],
          ['source', maybe(g, () => text(g))],
        ]),
      ),
    ],
    [
      'checklist',
      maybe(g, () =>
        fields(g, [
          ['questions', times(int(g, 1, 3), () => text(g))],
          ['advice', maybe(g, () => text(g))],
          ['source', maybe(g, () => text(g))],
        ]),
      ),
    ],
    [
      'principles',
      times(int(g, 0, 3), () =>
        fields(g, [
          ['text', text(g)],
          ['source', maybe(g, () => text(g))],
        ]),
      ),
      [],
    ],
  ]);
}

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Protocol, ProtocolStage } from '../../src/domain/protocol/protocolSchema.ts';
import { formFieldSources } from '../../src/domain/protocol/protocolSchema.ts';
import { describeProblem, validateProtocol } from '../../src/domain/protocol/validateProtocol.ts';
import { protocolInputArbitrary } from './protocolArbitrary.ts';

const stagesOf = (p: Protocol): ProtocolStage[] => [
  ...p.stages,
  ...p.pathways.flatMap((pathway) => pathway.stages),
];
const capsOf = (p: Protocol) => [
  ...p.caps,
  ...p.urgent.caps,
  ...p.pathways.flatMap((pathway) => pathway.caps),
];
/** Every text of a protocol, wherever it is (ids and choices too: they do no harm here). */
const textsOf = (p: Protocol): string[] =>
  JSON.stringify(p)
    .match(/"(?:[^"\\]|\\.)*"/g)
    ?.map((quoted) => JSON.parse(quoted) as string) ?? [];

// What the generator must reach, so that the property tests over it cover the whole format.
const features: Record<string, (p: Protocol) => boolean> = {
  levels: (p) => p.levels.length > 0,
  'a level limited to agency kinds': (p) => p.levels.some((level) => level.agencyKinds),
  'a stage naming a level': (p) =>
    stagesOf(p).some((s) => s.roles.raising.some((r) => p.levels.some((l) => l.id === r))),
  'roles by agency kind': (p) =>
    stagesOf(p).some((s) => Object.keys(s.roles.byAgencyKind).length > 0),
  'a stage the partnership takes': (p) => stagesOf(p).some((s) => s.sides === 'partnership'),
  'a stage on the raising side': (p) => stagesOf(p).some((s) => s.sides === 'raising'),
  'a pathway cap': (p) => p.pathways.some((pathway) => pathway.caps.length > 0),
  "a pathway at the raiser's choice": (p) => p.pathways.some((pathway) => pathway.raiserMayChoose),
  'a pathway a category selects': (p) =>
    p.pathways.some((pathway) => Object.values(p.categories).includes(pathway.id)),
  "a pathway's own stages": (p) => p.pathways.some((pathway) => pathway.stages.length > 0),
  'a pathway leaving general stages out': (p) =>
    p.pathways.some((pathway) => pathway.ladder && pathway.ladder.length < p.stages.length),
  'changes at a stage, with roles': (p) =>
    p.pathways.some((pathway) => Object.values(pathway.atStages).some((change) => change.roles)),
  'the urgent pathway': (p) => p.urgent.pathway !== undefined,
  'urgent caps': (p) => p.urgent.caps.length > 0,
  'category groups with labels and hints': (p) =>
    p.categoryGroups?.some((group) => group.categories.some((c) => c.label && c.hint)) ?? false,
  ...Object.fromEntries(
    formFieldSources.map((source) => [
      `a form field from ${source}`,
      (p: Protocol) => p.forms.some((form) => form.fields.some((field) => field.from === source)),
    ]),
  ),
  'a form field with its agency': (p) =>
    p.forms.some((form) => form.fields.some((field) => field.withAgency)),
  jumps: (p) => stagesOf(p).some((s) => s.jumpsTo.length > 0),
  'a jump to a pathway’s own stage': (p) =>
    stagesOf(p).some((s) =>
      s.jumpsTo.some((target) => p.pathways.some((w) => w.stages.some((t) => t.key === target))),
    ),
  'a cap from raising': (p) => capsOf(p).some((cap) => cap.from === 'raised'),
  'a cap from a stage': (p) => capsOf(p).some((cap) => cap.from !== 'raised'),
  'working days': (p) => stagesOf(p).some((s) => s.timescale.unit === 'workingDays'),
  hours: (p) => stagesOf(p).some((s) => s.timescale.unit === 'hours'),
  'no set timescale': (p) => stagesOf(p).some((s) => s.timescale.unit === 'none'),
  'a timescale that describes': (p) => stagesOf(p).some((s) => s.timescale.describes),
  'a number like 4a': (p) => stagesOf(p).some((s) => /^\d+[a-z]$/.test(s.number ?? '')),
  'a number of digits': (p) => stagesOf(p).some((s) => /^[1-9]\d*$/.test(s.number ?? '')),
  'a number that must stay text': (p) =>
    stagesOf(p).some((s) => ['01', '007', '1.5', 'null', 'true', '1e3'].includes(s.number ?? '')),
  'a key that reads as another type': (p) =>
    stagesOf(p).some((s) => ['1', 'null', 'true', '1e3', '0x1f'].includes(s.key)),
  'a monitoring form on entry': (p) => stagesOf(p).some((s) => s.onEntry.monitoringForm),
  'a written account on entry': (p) => stagesOf(p).some((s) => s.onEntry.writtenAccount),
  'an unminuted chaired meeting': (p) =>
    stagesOf(p).some((s) => s.onEntry.chairedMeeting?.minuted === false),
  prompts: (p) => stagesOf(p).some((s) => s.prompts.length > 0),
  'learning themes of its own': (p) => p.learning.themes.length < 4,
  'learning subgroups by theme': (p) => p.learning.subgroups.some((group) => group.themes),
  'working weekdays': (p) => p.calendar.workingWeekdays !== undefined,
  "the stage's own word": (p) => p.terms.stage !== 'stage',
  'delay for some stages': (p) => p.delay?.stages !== undefined,
  'a checklist with advice': (p) => p.checklist?.advice !== undefined,
  'out of hours': (p) => p.outOfHours !== undefined,
  'principles and sources': (p) => p.principles.length > 0 && p.sources.length > 0,
  'text over several lines': (p) => textsOf(p).some((t) => t.includes('\n')),
  'text too long for a line': (p) => textsOf(p).some((t) => t.length > 100),
  'text beyond ASCII, emoji included': (p) =>
    textsOf(p).some((t) => /\p{Extended_Pictographic}/u.test(t)),
  'text YAML would misread unquoted': (p) =>
    textsOf(p).some((t) => /^(?:[-?:#&*!|>'"%@`]|null$)/.test(t)),
};

test('the protocol generator makes only valid protocols, and reaches every field of the format', () => {
  const protocols = fc.sample(protocolInputArbitrary, { numRuns: 400, seed: 13 }).map((input) => {
    const check = validateProtocol(input);
    assert.ok(check.ok, check.ok ? '' : check.problems.map(describeProblem).join('\n'));
    return check.protocol;
  });
  const missing = Object.entries(features)
    .filter(([, has]) => !protocols.some(has))
    .map(([name]) => name);
  assert.deepEqual(missing, []);
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { stringify } from 'yaml';
import { validateProtocol } from '../../../domain/protocol/validateProtocol.ts';
import { builtInProtocolFile, builtInProtocolIds } from '../../../protocols/builtInProtocols.ts';
import { capPage } from './capForm.ts';
import { type DraftData, draftProblems, draftYaml, readDraftData } from './draftData.ts';
import { isFormProblem } from './editorPage.ts';
import { editorPages, pageErrors } from './editorPages.ts';
import { withoutStage } from './listRoutes.ts';
import { calendarPage } from './partForms.ts';
import { pathwayPage } from './pathwayForm.ts';
import { stagePage } from './stageForm.ts';

// Every page's form, read from a protocol and sent back unchanged, gives the same protocol:
// for the four built-ins and a hand-made protocol that uses the fields they do not.

const handMade = {
  id: 'example-six-step',
  version: 3,
  name: 'Example six-step protocol',
  summary: 'Made up for the editor’s tests.',
  sources: [{ ref: 'doc', title: 'Example escalation policy' }],
  terms: {
    partnership: 'Example partnership',
    frontDoor: 'Front door',
    monitoringTeam: 'QA team',
    stage: 'step',
  },
  calendar: {
    region: 'scotland',
    timeZone: 'Europe/London',
    workingHours: { start: '08:30', end: '16:30' },
    workingWeekdays: ['tuesday', 'monday', 'wednesday', 'thursday'],
  },
  levels: [
    { id: 'service-manager', name: 'Service manager', role: 'senior-manager' },
    {
      id: 'detective-sergeant',
      name: 'Detective sergeant',
      role: 'manager',
      agencyKinds: ['police'],
    },
  ],
  stages: [
    {
      key: 'step-1',
      number: '1a',
      name: 'Practitioners',
      who: 'The practitioners',
      roles: {
        raising: ['manager', 'practitioner'],
        other: ['practitioner'],
        byAgencyKind: { police: ['detective-sergeant', 'manager'] },
      },
      timescale: { unit: 'hours', amount: 48, describes: 'a first conversation' },
      guidance: 'Talk first.',
      prompts: ['What is the risk?', 'Who else knows?'],
      source: 'doc §1',
      jumpsTo: ['step-3'],
      onEntry: {
        tellOtherAgencyFirst: true,
        writtenAccount: { prompt: 'Write what happened', writtenBy: 'the raiser' },
      },
    },
    {
      key: 'step-2',
      number: 2,
      name: 'Inside the raising agency',
      who: 'Its managers',
      sides: 'raising',
      roles: { raising: ['service-manager'], other: [] },
      timescale: { unit: 'none' },
      guidance: 'Check inside first.',
    },
    {
      key: 'step-3',
      number: 3,
      name: 'Scrutiny panel',
      who: 'The panel',
      sides: 'partnership',
      roles: { raising: [], other: [], partnership: ['partnership-team'] },
      timescale: { unit: 'workingDays', amount: 14 },
      guidance: 'The panel decides.',
      onEntry: {
        notifyMonitoringTeam: true,
        monitoringForm: 'panel-form',
        chairedMeeting: {
          chair: 'uninvolved-partnership-member',
          purpose: 'To decide',
          minuted: false,
        },
      },
    },
  ],
  caps: [
    {
      name: 'steps 1 and 2',
      stages: ['step-2', 'step-1'],
      from: 'raised',
      timescale: { unit: 'workingDays', amount: 5 },
      source: 'doc §2',
    },
  ],
  pathways: [
    {
      id: 'fast',
      name: 'Fast',
      guidance: 'Quicker.',
      notice: 'This case is on the fast pathway.',
      ladder: ['step-1', 'fast-review', 'step-3'],
      stages: [
        {
          key: 'fast-review',
          name: 'Fast review',
          who: 'Seniors',
          roles: { raising: ['senior-manager'], other: ['senior-manager'] },
          timescale: { unit: 'hours', amount: 24 },
          guidance: 'Review.',
        },
      ],
      atStages: { 'step-1': { timescale: { unit: 'hours', amount: 4 }, guidance: 'Be quick.' } },
      caps: [
        {
          name: 'the fast pathway',
          stages: ['step-3'],
          from: 'step-1',
          timescale: { unit: 'hours', amount: 72 },
        },
      ],
    },
    { id: 'chosen', name: 'Chosen', raiserMayChoose: true },
  ],
  categories: { threshold: 'fast', 'referral-not-accepted': 'general' },
  forms: [
    {
      id: 'panel-form',
      title: 'Panel form',
      intro: 'For the panel.',
      fields: [{ label: 'Concern', from: 'concern' }],
    },
  ],
  urgent: {
    guidance: 'Call now.',
    notifyMonitoringTeam: true,
    pathway: 'fast',
    caps: [
      {
        name: 'the whole ladder',
        stages: ['step-1', 'step-2', 'step-3', 'fast-review'],
        from: 'raised',
        timescale: { unit: 'hours', amount: 24 },
      },
    ],
  },
  recording: { childsRecord: 'agency-procedures', guidance: 'Record it.', source: 'doc §9' },
  learning: {
    route: 'Subgroups',
    guidance: 'Learn.',
    themes: ['commissioning', 'training'],
    subgroups: [
      { name: 'Training subgroup', themes: ['training'], source: 'doc §10' },
      { name: 'Everything else' },
    ],
  },
  outOfHours: { route: 'Call the duty team' },
  delay: { stages: ['step-3'], guidance: 'Say why.' },
  checklist: { questions: ['Have you talked?'], advice: 'Talk first.' },
  principles: [{ text: 'The child comes first.' }],
};

const protocols: [string, string][] = [
  ...builtInProtocolIds.map(
    (id) => [id, readFileSync(builtInProtocolFile(id), 'utf8')] as [string, string],
  ),
  ['hand-made', stringify(handMade)],
];

const parsed = (data: DraftData) => {
  const check = validateProtocol(data);
  assert.ok(check.ok, JSON.stringify(!check.ok && check.problems));
  return check.protocol;
};

test('the hand-made protocol passes the checker', () => {
  parsed(readDraftData(stringify(handMade)));
});

for (const [name, source] of protocols) {
  test(`${name}: every page's form values, applied back, give the same protocol`, () => {
    const data = readDraftData(source);
    const before = parsed(data);
    let pagesSeen = 0;
    for (const page of editorPages) {
      for (const params of page.instances(data)) {
        const values = page.values(data, params);
        const applied = page.apply(data, values, params);
        assert.ok(
          !isFormProblem(applied),
          `${page.path} ${JSON.stringify(params)} found problems in its own values`,
        );
        // Through the stored YAML, as the editor keeps it.
        const stored = readDraftData(draftYaml(applied));
        assert.deepEqual(parsed(stored), before, `${page.path} ${JSON.stringify(params)}`);
        pagesSeen++;
      }
    }
    assert.ok(pagesSeen >= 9);
  });
}

test('the stage, limit, pathway and calendar forms change what they say they change', () => {
  const data = readDraftData(stringify(handMade));
  const stage = stagePage.values(data, { index: '1' });
  const changedStage = parsed(
    stagePage.apply(
      data,
      {
        ...stage,
        rolesRaising: ['service-manager', 'manager'],
        jumpsTo: ['step-3'],
        timescaleUnit: 'workingDays',
        timescaleAmount: '2',
      },
      { index: '1' },
    ) as DraftData,
  ).stages[1];
  assert.deepEqual(changedStage?.roles.raising, ['service-manager', 'manager']);
  assert.deepEqual(changedStage?.jumpsTo, ['step-3']);
  assert.deepEqual(changedStage?.timescale, { unit: 'workingDays', amount: 2 });

  const cap = capPage.values(data, { list: 'urgent', index: '0' });
  const changedCap = parsed(
    capPage.apply(
      data,
      { ...cap, stages: ['step-1'], timescaleAmount: '12' },
      { list: 'urgent', index: '0' },
    ) as DraftData,
  ).urgent.caps[0];
  assert.deepEqual(changedCap?.stages, ['step-1']);
  assert.equal(changedCap?.timescale.amount, 12);

  const pathway = pathwayPage.values(data, { index: '0' });
  const changedProtocol = parsed(
    pathwayPage.apply(
      data,
      {
        ...pathway,
        id: 'quick',
        categories: ['threshold', 'placement'],
        timescale0: '',
        timescale1: '2 working days',
      },
      { index: '0' },
    ) as DraftData,
  );
  assert.equal(changedProtocol.pathways[0]?.id, 'quick');
  assert.equal(
    changedProtocol.urgent.pathway,
    'quick',
    'the urgent route follows the pathway’s new id',
  );
  assert.deepEqual(changedProtocol.categories, {
    threshold: 'quick',
    placement: 'quick',
    'referral-not-accepted': 'general',
  });
  assert.equal(changedProtocol.pathways[0]?.atStages['step-1']?.timescale, undefined);
  assert.deepEqual(changedProtocol.pathways[0]?.atStages['step-1']?.guidance, 'Be quick.');
  assert.deepEqual(changedProtocol.pathways[0]?.atStages['fast-review']?.timescale, {
    unit: 'workingDays',
    amount: 2,
  });

  const calendar = calendarPage.values(data, {});
  const changedCalendar = parsed(
    calendarPage.apply(
      data,
      { ...calendar, workingStart: '9am', workingWeekdays: ['monday', 'friday'] },
      {},
    ) as DraftData,
  ).calendar;
  assert.equal(changedCalendar.workingHours.start, '09:00');
  assert.deepEqual(changedCalendar.workingWeekdays, ['monday', 'friday']);
});

test('a checker problem’s path finds its field on its page', () => {
  assert.equal(stagePage.fieldFor('stages[2].timescale.amount', { index: '2' }), 'timescaleAmount');
  assert.equal(
    stagePage.fieldFor('stages[2].roles.byAgencyKind.police[0]', { index: '2' }),
    'rolesByAgencyKind',
  );
  assert.equal(
    stagePage.fieldFor('stages[2].onEntry.chairedMeeting.purpose', { index: '2' }),
    'meetingPurpose',
  );
  assert.equal(stagePage.fieldFor('stages[12].name', { index: '1' }), undefined);
  assert.equal(capPage.fieldFor('urgent.caps[0].stages', { list: 'urgent', index: '0' }), 'stages');
  assert.equal(capPage.fieldFor('caps[0].stages', { list: 'urgent', index: '0' }), undefined);
  assert.equal(calendarPage.fieldFor('calendar.workingHours.end', {}), 'workingEnd');
  assert.equal(pathwayPage.fieldFor('pathways[1].ladder[2]', { index: '1' }), 'ladder');
  assert.equal(pathwayPage.fieldFor('pathways[1].caps[0].name', { index: '1' }), undefined);
});

test('a stage removed is taken out of jumps, limits, ladders and pathways’ changes', () => {
  const data = readDraftData(stringify(handMade));
  const without = withoutStage(data, 0);
  // What counted from the stage is left for the team to decide, and the checker says so.
  assert.deepEqual(
    draftProblems(without).map((problem) => problem.path),
    ['pathways[0].caps[0].from'],
  );
  const protocol = parsed({
    ...without,
    pathways: [
      { ...(without.pathways as DraftData[])[0], caps: [] },
      (without.pathways as DraftData[])[1],
    ],
  });
  assert.deepEqual(protocol.caps[0]?.stages, ['step-2']);
  assert.deepEqual(protocol.pathways[0]?.ladder, ['fast-review', 'step-3']);
  assert.deepEqual(protocol.pathways[0]?.atStages, {});
  assert.deepEqual(protocol.urgent.caps[0]?.stages, ['step-2', 'step-3', 'fast-review']);
  // Humber's last stage is changed by one of its pathways: removing it leaves no problem.
  const humber = readDraftData(readFileSync(builtInProtocolFile('humber'), 'utf8'));
  assert.deepEqual(draftProblems(withoutStage(humber, 3)), []);
});

test('a problem reads as a sentence beside its field, in the checker’s words', () => {
  const data = readDraftData(stringify(handMade));
  const problems = [
    { path: 'stages[1].name', message: 'must not be empty' },
    { path: 'stages[1].key', message: '"step-1" is already the key of stages[0]' },
    { path: 'stages[0].name', message: 'is on another stage' },
  ];
  assert.deepEqual(
    pageErrors(stagePage, { index: '1' }, stagePage.fields(data, { index: '1' }), problems),
    {
      key: 'Key: "step-1" is already the key of stages[0]',
      name: 'Name must not be empty',
    },
  );
});

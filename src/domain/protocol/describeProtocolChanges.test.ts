import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { parseDocument } from 'yaml';
import { builtInProtocolFile } from '../../protocols/builtInProtocols.ts';
import { describeProtocolChanges, type ProtocolChangeGroup } from './describeProtocolChanges.ts';
import type { Protocol } from './protocolSchema.ts';
import { describeProblem, validateProtocol } from './validateProtocol.ts';

// biome-ignore lint/suspicious/noExplicitAny: the tests edit raw file data, which has no type until checked
type Edit = (protocol: Record<string, any>) => void;

/** Pan-Lancashire's file as adopted, changed by `edit`, then checked as adopting checks it. */
function lancashire(edit: Edit = () => {}): Protocol {
  const data = parseDocument(readFileSync(builtInProtocolFile('pan-lancashire'), 'utf8')).toJS();
  edit(data);
  const check = validateProtocol(data);
  if (!check.ok) throw new Error(check.problems.map(describeProblem).join('\n'));
  return check.protocol;
}

const sentences = (groups: ProtocolChangeGroup[]) =>
  groups.flatMap((group) => group.changes.map((change) => change.text));
const partOf = (groups: ProtocolChangeGroup[], text: string) =>
  groups.find((group) => group.changes.some((change) => change.text === text))?.part;
const changesAfter = (edit: Edit) => describeProtocolChanges(lancashire(), lancashire(edit));

const managersPanel = {
  key: 'panel',
  number: 4,
  name: 'Partnership panel',
  who: 'A panel of senior leaders.',
  roles: { raising: ['senior-manager'], other: ['senior-manager'] },
  timescale: { unit: 'workingDays', amount: 5 },
  guidance: 'The panel decides.',
};

describe('the difference between two versions of a protocol', () => {
  test('the same protocol twice: no differences', () => {
    assert.deepEqual(describeProtocolChanges(lancashire(), lancashire()), []);
  });

  test('a stage’s timescale, in words, under the stages', () => {
    const groups = changesAfter((p) => {
      p.stages[2].timescale.amount = 7;
    });
    assert.deepEqual(sentences(groups), [
      "Stage 2 'Senior managers': timescale changed from 5 working days to 7 working days",
    ]);
    assert.equal(groups[0]?.part, 'The stages');
  });

  test('a stage added says where; a stage removed is named as it was', () => {
    assert.deepEqual(
      sentences(
        changesAfter((p) => {
          p.stages.push(managersPanel);
        }),
      ),
      ["Stage 4 'Partnership panel' added after stage 3 'Head of Service or Director'"],
    );
    const removed = sentences(
      changesAfter((p) => {
        p.stages.splice(2, 1);
        p.caps[0].stages = ['stage-1', 'stage-3'];
        p.delay.stages = ['stage-1'];
        p.forms[0].fields[9].stages = ['stage-1'];
        delete p.pathways[0].atStages['stage-2'];
      }),
    );
    assert.ok(removed.includes("Stage 2 'Senior managers' removed"), removed.join('\n'));
    assert.ok(
      removed.includes(
        "Cap 'stages 1 to 3 together' now covers stages 1 and 3 (it covered stages 1 to 3)",
      ),
      removed.join('\n'),
    );
  });

  test('stages reordered: only the stage that moved is said to, with where it now stands', () => {
    const moved = sentences(
      changesAfter((p) => {
        const [second] = p.stages.splice(2, 1);
        p.stages.push(second);
      }),
    );
    assert.deepEqual(moved, [
      "Stage 2 'Senior managers' moved: it now comes after stage 3 'Head of Service or Director'",
    ]);
  });

  test('a stage’s guidance, its name and what entering it sets off', () => {
    const groups = changesAfter((p) => {
      p.stages[3].guidance = 'Meet within the week and write down what you agreed.';
      p.stages[1].name = 'Team managers';
      p.stages[1].onEntry = { notifyMonitoringTeam: true };
      p.stages[0].jumpsTo = ['stage-2'];
    });
    const guidance = groups
      .flatMap((group) => group.changes)
      .find(
        (change) => change.text === "Guidance of stage 3 'Head of Service or Director' changed",
      );
    assert.ok(guidance, sentences(groups).join('\n'));
    assert.match(guidance.was ?? '', /^\S/);
    assert.equal(guidance.now, 'Meet within the week and write down what you agreed.');
    const said = sentences(groups);
    assert.ok(said.includes("Stage 1 'Line managers' renamed 'Team managers'"), said.join('\n'));
    assert.ok(
      said.includes(
        "Stage 1 'Team managers': the CSAP team is now told when a disagreement enters it",
      ),
      said.join('\n'),
    );
    assert.ok(
      said.includes(
        "Stage 'Initial challenge': may now jump straight to stage 2 'Senior managers'",
      ),
      said.join('\n'),
    );
  });

  test('caps: what they cover, where they run from, their limit; added and removed', () => {
    const said = sentences(
      changesAfter((p) => {
        p.stages.push(managersPanel);
        p.caps[0].stages.push('panel');
        p.caps[0].from = 'raised';
        p.caps[0].timescale.amount = 20;
        p.caps.push({
          name: 'the panel',
          stages: ['panel'],
          from: 'stage-1',
          timescale: { unit: 'hours', amount: 72 },
        });
      }),
    );
    for (const expected of [
      "Cap 'stages 1 to 3 together' now covers stages 1 to 4 (it covered stages 1 to 3)",
      "Cap 'stages 1 to 3 together' now runs from raising (it ran from the start of stage 1 'Line managers')",
      "Cap 'stages 1 to 3 together': limit changed from 15 working days to 20 working days",
      "Cap 'the panel' added: within 72 hours of the start of stage 1 'Line managers', for stage 4",
    ])
      assert.ok(said.includes(expected), `${expected}\n in\n${said.join('\n')}`);
    const removed = changesAfter((p) => {
      p.caps = [];
    });
    assert.deepEqual(sentences(removed), ["Cap 'stages 1 to 3 together' removed"]);
    assert.equal(partOf(removed, "Cap 'stages 1 to 3 together' removed"), 'Caps');
  });

  test('pathways: added, removed, and what changed on one, under its own part', () => {
    const early = {
      id: 'early-help',
      name: 'Early help',
      ladder: ['initial', 'stage-1'],
    };
    const added = changesAfter((p) => {
      p.pathways.push(early);
      p.categories.transition = 'early-help';
    });
    assert.deepEqual(sentences(added), [
      "Pathway 'early-help' added: Early help, its ladder stage 'Initial challenge' and stage 1 'Line managers'",
      "Category 'transition' (Moving between levels of support) now takes the Early help pathway (it took the general pathway)",
    ]);
    assert.equal(partOf(added, sentences(added)[1] ?? ''), 'Categories');
    const removed = changesAfter((p) => {
      p.pathways = [];
      p.categories = {};
    });
    assert.ok(sentences(removed).includes("Pathway 'front-door' removed"));
    const changed = changesAfter((p) => {
      p.pathways[0].atStages['stage-1'].timescale = { unit: 'workingDays', amount: 3 };
      p.pathways[0].ladder = ['initial', 'stage-1', 'stage-2'];
      p.pathways[0].raiserMayChoose = true;
    });
    const said = sentences(changed);
    for (const expected of [
      'The raiser may now choose the Challenging a front-door decision pathway',
      "The Challenging a front-door decision pathway: stage 3 'Head of Service or Director' taken out of its ladder",
      "The Challenging a front-door decision pathway, at stage 1 'Line managers': timescale changed from the same as on the general pathway to 3 working days",
    ])
      assert.ok(said.includes(expected), `${expected}\n in\n${said.join('\n')}`);
    assert.ok(
      changed.every((group) => group.part === 'The Challenging a front-door decision pathway'),
    );
  });

  test('working time: hours and days in words', () => {
    assert.deepEqual(
      sentences(
        changesAfter((p) => {
          p.calendar.workingHours = { start: '08:30', end: '16:30' };
          p.calendar.workingWeekdays = ['monday', 'tuesday', 'wednesday', 'thursday'];
          p.calendar.region = 'scotland';
        }),
      ),
      [
        'The bank holiday calendar changed from England and Wales to Scotland',
        'Working hours changed from 9am to 5pm to 8:30am to 4:30pm',
        'Working days changed from Monday, Tuesday, Wednesday, Thursday and Friday to Monday, Tuesday, Wednesday and Thursday',
      ],
    );
  });

  test('categories offered when raising, in the protocol’s own groups', () => {
    const groups = [
      {
        name: 'About a referral',
        categories: [{ id: 'referral-not-accepted' }, { id: 'further-information' }],
      },
      { name: 'Anything else', categories: [{ id: 'threshold' }, { id: 'other' }] },
    ];
    const offered = changesAfter((p) => {
      p.categoryGroups = groups;
    });
    assert.deepEqual(sentences(offered), [
      "Raising now offers only the protocol’s own categories, in its groups: 'About a referral' and 'Anything else'",
    ]);
    const was = lancashire((p) => {
      p.categoryGroups = groups;
    });
    const now = lancashire((p) => {
      p.categoryGroups = [
        {
          name: 'About a referral',
          categories: [{ id: 'referral-not-accepted', label: 'Not accepted' }],
        },
        {
          name: 'Anything else',
          categories: [{ id: 'threshold' }, { id: 'other' }, { id: 'further-information' }],
        },
      ];
    });
    assert.deepEqual(sentences(describeProtocolChanges(was, now)), [
      "The label of category 'referral-not-accepted' added",
      "Category 'further-information' moved from group 'About a referral' to 'Anything else'",
    ]);
  });

  test('monitoring forms: fields added, removed and changed', () => {
    const said = sentences(
      changesAfter((p) => {
        p.forms[0].fields.pop();
        p.forms[0].fields.push({ label: 'Lessons', from: 'concern' });
        p.forms[0].fields[0].from = 'outcome';
      }),
    );
    const named = `Monitoring form '${lancashire().forms[0]?.title}'`;
    assert.deepEqual(said, [
      `${named}: field 'Lessons' added`,
      `${named}: field 'Outcome' removed`,
      `${named}: what field 'Date of referral' is filled from changed`,
    ]);
  });

  test('the urgent route: its pathway, its caps and whether the team is told', () => {
    const said = sentences(
      changesAfter((p) => {
        p.urgent.pathway = 'front-door';
        p.urgent.caps = [
          {
            name: 'the whole ladder',
            stages: ['initial', 'stage-1', 'stage-2', 'stage-3'],
            from: 'raised',
            timescale: { unit: 'hours', amount: 24 },
          },
        ];
        p.urgent.notifyMonitoringTeam = !p.urgent.notifyMonitoringTeam;
      }),
    );
    assert.equal(said.length, 3, said.join('\n'));
    assert.ok(
      said.includes('Urgent disagreements now take the Challenging a front-door decision pathway'),
    );
    assert.ok(
      said.includes(
        "Urgent route: cap 'the whole ladder' added: within 24 hours of raising, for stages 'Initial challenge', 'Line managers', 'Senior managers' and 'Head of Service or Director'",
      ),
      said.join('\n'),
    );
    assert.ok(
      said.some((text) => /^The CSAP team is (now|no longer) told of every urgent/.test(text)),
    );
  });

  test('a field without its own wording still appears, with its old and new values', () => {
    const groups = changesAfter((p) => {
      p.stages[1].prompts = ['Ring before you write.'];
      p.recording.childsRecord = 'agency-procedures';
    });
    const prompts = groups
      .flatMap((group) => group.changes)
      .find((change) => change.text === "Prompts of stage 1 'Line managers' changed");
    assert.ok(prompts, sentences(groups).join('\n'));
    assert.equal(prompts.now, 'Ring before you write.');
    assert.ok(
      sentences(groups).some((text) =>
        text.startsWith('Where disagreements are recorded changed from'),
      ),
    );
  });
});

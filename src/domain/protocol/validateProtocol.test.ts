import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { parseDocument } from 'yaml';
import { builtInProtocolFile, builtInProtocolIds } from '../../protocols/builtInProtocols.ts';
import { describeProblem, parseProtocolFile, validateProtocol } from './validateProtocol.ts';

// biome-ignore lint/suspicious/noExplicitAny: the tests edit raw file data, which has no type until checked
type Edit = (protocol: Record<string, any>) => void;

/** A built-in protocol file as data, changed by `edit`, then checked. */
function problemsAfter(id: (typeof builtInProtocolIds)[number], edit: Edit): string[] {
  const data = parseDocument(readFileSync(builtInProtocolFile(id), 'utf8')).toJS();
  edit(data);
  const check = validateProtocol(data);
  return check.ok ? [] : check.problems.map(describeProblem);
}

describe('protocol files', () => {
  for (const id of builtInProtocolIds) {
    test(`the built-in ${id} is valid`, () => {
      const check = parseProtocolFile(readFileSync(builtInProtocolFile(id), 'utf8'));
      assert.deepEqual(check.ok ? [] : check.problems.map(describeProblem), []);
    });
  }

  test('a timescale that is not a positive whole number is named by its path', () => {
    assert.deepEqual(
      problemsAfter('pan-lancashire', (p) => {
        p.stages[2].timescale.amount = 0;
      }),
      ['stages[2].timescale.amount: must be a positive whole number'],
    );
    assert.deepEqual(
      problemsAfter('humber', (p) => {
        p.stages[1].timescale.amount = 2.5;
      }),
      ['stages[1].timescale.amount: must be a positive whole number'],
    );
  });

  test('an unknown timescale unit, a missing field and an unknown field are each named', () => {
    assert.deepEqual(
      problemsAfter('lincolnshire', (p) => {
        p.stages[0].timescale.unit = 'fortnights';
        delete p.stages[1].name;
        p.stages[2].timescle = { unit: 'none' };
      }),
      [
        'stages[0].timescale.unit: must be one of workingDays, hours, none',
        'stages[1].name: is required',
        'stages[2]: unknown field "timescle"',
      ],
    );
  });

  test('unknown stage keys in caps and jumps are refused', () => {
    assert.deepEqual(
      problemsAfter('east-riding', (p) => {
        p.caps[0].stages.push('stage-9');
        p.caps[1].from = 'stage-7';
      }),
      [
        'caps[0].stages[4]: unknown stage "stage-9"',
        'caps[1].from: must be raised or a stage key; unknown stage "stage-7"',
      ],
    );
    assert.deepEqual(
      problemsAfter('humber', (p) => {
        p.stages[0].jumpsTo = ['stage-6'];
        p.stages[3].jumpsTo = ['stage-2'];
      }),
      [
        'stages[0].jumpsTo[0]: unknown stage "stage-6"',
        'stages[3].jumpsTo[0]: "stage-2" is not a later stage than "stage-4"',
      ],
    );
  });

  test('a category mapped to an unknown pathway, or an unknown category, is refused', () => {
    assert.deepEqual(
      problemsAfter('lincolnshire', (p) => {
        p.categories.placement = 'placements';
        p.categories['not-a-category'] = 'general';
      }),
      [
        'categories.placement: unknown pathway "placements"',
        'categories.not-a-category: unknown category "not-a-category"',
      ],
    );
  });

  test('a chaired stage without a chair rule is refused', () => {
    assert.deepEqual(
      problemsAfter('east-riding', (p) => {
        delete p.stages[4].onEntry.chairedMeeting.chair;
      }),
      ['stages[4].onEntry.chairedMeeting.chair: is required'],
    );
    assert.deepEqual(
      problemsAfter('lincolnshire', (p) => {
        p.stages[3].onEntry.chairedMeeting.chair = 'whoever-is-free';
      }),
      [
        'stages[3].onEntry.chairedMeeting.chair: must be one of partnership-independent-chair, uninvolved-partnership-member, independent-partner-organisation, conference-chair',
      ],
    );
  });

  test('a stage internal to the raising side names no roles on the other side', () => {
    assert.deepEqual(
      problemsAfter('east-riding', (p) => {
        p.stages[0].roles.other = ['manager'];
      }),
      ['stages[0].roles.other: must be empty: the stage is internal to the raising side'],
    );
  });

  test('duplicate stage keys, an unknown monitoring form and bad pathway ladders are refused', () => {
    assert.deepEqual(
      problemsAfter('pan-lancashire', (p) => {
        p.stages.push({ ...p.stages[3] });
        p.stages[3].onEntry.monitoringForm = 'appendix-9';
        p.pathways[0].atStages['stage-7'] = { who: 'Someone' };
      }),
      [
        'stages[4].key: "stage-3" is already the key of stages[3]',
        'pathways[0].atStages.stage-7: "stage-7" is not a stage of this pathway',
        'stages[3].onEntry.monitoringForm: unknown form "appendix-9"',
      ],
    );
    assert.deepEqual(
      problemsAfter('east-riding', (p) => {
        p.pathways[0].ladder = ['conference', 'arbitration', 'conference'];
      }),
      [
        'pathways[0].ladder[2]: "conference" is listed twice',
        'pathways[0].stages[1].key: "adjournment" is not in the pathway\'s ladder',
      ],
    );
  });

  test('form fields name the stages they draw on', () => {
    assert.deepEqual(
      problemsAfter('pan-lancashire', (p) => {
        delete p.forms[0].fields[10].stage;
      }),
      ['forms[0].fields[10].stage: is required when from is stage-meeting-date'],
    );
    assert.deepEqual(
      problemsAfter('pan-lancashire', (p) => {
        p.forms[0].fields[9].stages = ['stage-1', 'stage-8'];
      }),
      ['forms[0].fields[9].stages[1]: unknown stage "stage-8"'],
    );
  });

  test('calendar settings are checked', () => {
    assert.deepEqual(
      problemsAfter('humber', (p) => {
        p.calendar.timeZone = 'Europe/Lancashire';
        p.calendar.region = 'wales';
      }),
      [
        'calendar.region: must be one of england-and-wales, scotland, northern-ireland',
        'calendar.timeZone: must be a time zone like Europe/London',
      ],
    );
    assert.deepEqual(
      problemsAfter('humber', (p) => {
        p.calendar.workingHours = { start: '17:00', end: '09:00' };
      }),
      ['calendar.workingHours.end: must be later than start'],
    );
  });

  test('a pathway may only use general stages or stages it defines itself', () => {
    assert.deepEqual(
      problemsAfter('humber', (p) => {
        p.pathways[0].stages = [{ ...p.stages[0], key: 'mash-review', number: '1a', jumpsTo: [] }];
        p.pathways[0].ladder = ['stage-1', 'mash-review', 'stage-2', 'stage-3', 'stage-4'];
        p.pathways[1].ladder = ['stage-1', 'mash-review', 'stage-2', 'stage-3'];
      }),
      [
        'pathways[1].ladder[1]: "mash-review" belongs to another pathway: define it in this pathway\'s stages',
      ],
    );
  });

  test('a cap must start at or before every stage it covers, on every ladder that has them', () => {
    assert.deepEqual(
      problemsAfter('pan-lancashire', (p) => {
        p.caps[0].from = 'stage-2';
      }),
      [
        'caps[0].from: "stage-2" comes after a stage the cap covers, on the general ladder',
        'caps[0].from: "stage-2" comes after a stage the cap covers, on pathway "front-door"',
      ],
    );
    assert.deepEqual(
      problemsAfter('east-riding', (p) => {
        p.caps[0].from = 'adjournment';
      }),
      ['caps[0].from: "adjournment" is not on the general ladder, which has stages the cap covers'],
    );
  });

  test('timescales are limited to a year, and stage numbers are unique on a ladder', () => {
    assert.deepEqual(
      problemsAfter('lincolnshire', (p) => {
        p.stages[0].timescale.amount = 100000;
        p.stages[3].timescale.amount = 9000000000;
      }),
      [
        'stages[0].timescale.amount: must be at most 260 (a year of working days)',
        'stages[3].timescale.amount: must be at most 8760 (a year of hours)',
      ],
    );
    assert.deepEqual(
      problemsAfter('lincolnshire', (p) => {
        p.stages[1].number = 1;
      }),
      ['stages[1].number: "1" is also the number of "step-1" on the general ladder'],
    );
  });

  test('a time zone must be a named zone, and is kept in its standard form', () => {
    assert.deepEqual(
      problemsAfter('humber', (p) => {
        p.calendar.timeZone = '+01:00';
      }),
      ['calendar.timeZone: must be a time zone like Europe/London'],
    );
    const data = parseDocument(readFileSync(builtInProtocolFile('humber'), 'utf8')).toJS();
    data.calendar.timeZone = 'europe/london';
    const check = validateProtocol(data);
    assert.equal(check.ok && check.protocol.calendar.timeZone, 'Europe/London');
  });

  test('YAML that cannot be read is reported with its line', () => {
    const check = parseProtocolFile('id: broken\nstages:\n  - key: a\n   name: b\n');
    assert.equal(check.ok, false);
    assert.match(
      check.ok ? '' : describeProblem(check.problems[0] ?? { path: '', message: '' }),
      /^line 4, column \d+: /,
    );
  });

  test('a key written twice is refused', () => {
    const check = parseProtocolFile('id: twice\nid: again\n');
    assert.equal(check.ok, false);
    assert.match(
      check.ok ? '' : describeProblem(check.problems[0] ?? { path: '', message: '' }),
      /^line 2, column 1: Map keys must be unique/,
    );
  });
});

describe('the checks a partnership’s own protocol needs', () => {
  test('a level named by a stage must exist, and may not take a role’s id', () => {
    assert.deepEqual(
      problemsAfter('humber', (p) => {
        p.levels = [
          { id: 'service-manager', name: 'Service manager', role: 'manager' },
          { id: 'manager', name: 'Manager', role: 'manager' },
        ];
        p.stages[1].roles.raising = ['service-manager', 'team-manager'];
      }),
      [
        'levels[1].id: "manager" is a role: choose another id for the level',
        'stages[1].roles.raising[1]: unknown role or level "team-manager": the roles are practitioner, manager, senior-manager, safeguarding-lead, partnership-team; levels are listed under levels',
      ],
    );
  });

  test('a level may not take the id admin, and a stage naming it is refused too', () => {
    assert.deepEqual(
      problemsAfter('humber', (p) => {
        p.levels = [{ id: 'admin', name: 'Administrator', role: 'practitioner' }];
        p.stages[1].roles.raising = ['admin'];
      }),
      [
        'levels[0].id: "admin" is a role: choose another id for the level',
        'stages[1].roles.raising[0]: unknown role or level "admin": the roles are practitioner, manager, senior-manager, safeguarding-lead, partnership-team; levels are listed under levels',
      ],
    );
  });

  test('a stage taken by the partnership names who takes it; other stages name the raising side', () => {
    assert.deepEqual(
      problemsAfter('humber', (p) => {
        p.stages[3].sides = 'partnership';
        p.stages[0].roles = { raising: [], other: ['practitioner'] };
      }),
      [
        'stages[0].roles.raising: must name at least one role',
        'stages[3].roles.partnership: must name at least one role or level: the partnership’s people who take the stage',
      ],
    );
  });

  test('a pathway’s change to a stage must leave a stage the format allows', () => {
    const problems = problemsAfter('humber', (p) => {
      p.pathways[0].atStages = {
        'stage-2': { sides: 'raising', roles: { raising: ['manager'], other: ['manager'] } },
      };
    });
    assert.deepEqual(problems, [
      `pathways[0].atStages.stage-2.roles.other: must be empty: the stage is internal to the raising side`,
    ]);
  });

  test('a pathway nothing selects, and an urgent route to an unknown pathway, are refused', () => {
    assert.deepEqual(
      problemsAfter('lincolnshire', (p) => {
        p.categories = {};
        p.urgent.pathway = 'immediate';
      }),
      [
        'urgent.pathway: unknown pathway "immediate"',
        'pathways[0].id: nothing selects pathway "discharge-planning": name it under categories or urgent.pathway, or set raiserMayChoose: true',
      ],
    );
    assert.deepEqual(
      problemsAfter('lincolnshire', (p) => {
        p.categories = {};
        p.pathways[0].raiserMayChoose = true;
      }),
      [],
    );
  });

  test('a list names each item once, and a form field holds only what its source reads', () => {
    assert.deepEqual(
      problemsAfter('pan-lancashire', (p) => {
        p.stages[1].jumpsTo = ['stage-3', 'stage-3'];
        p.forms[0].fields[0].stage = 'stage-3';
      }),
      [
        'stages[1].jumpsTo[1]: "stage-3" is listed twice',
        'forms[0].fields[0].stage: is read only when from is stage-meeting-date or stage-participants: leave it out',
      ],
    );
  });

  test('text a person could not read or store is refused, and a file over 1 MB is refused by size', () => {
    assert.deepEqual(
      problemsAfter('east-riding', (p) => {
        p.name = 'East \u202Egnp.exe';
      }),
      ['name: must not contain characters that change the direction of the text'],
    );
    const check = parseProtocolFile(`# ${'x'.repeat(1024 * 1024)}\n`);
    assert.deepEqual(check.ok ? [] : check.problems.map(describeProblem), [
      'the file is 1.0 MB: a protocol file may be at most 1 MB',
    ]);
  });
});

describe('aliases and anchors', () => {
  const source = readFileSync(builtInProtocolFile('humber'), 'utf8');
  const refused = (line: number) =>
    `line ${line}: aliases (*name) and anchors (&name) are not allowed in a protocol file`;
  const lineOf = (text: string, fragment: string) =>
    text.split('\n').findIndex((each) => each.includes(fragment)) + 1;

  test('an alias to no anchor is a problem naming its line, not a thrown error', () => {
    const text = `${source}\nnote: *nowhere\n`;
    const check = parseProtocolFile(text);
    assert.deepEqual(check.ok ? [] : check.problems.map(describeProblem), [
      refused(lineOf(text, '*nowhere')),
    ]);
  });

  test('an anchor and its alias are refused, each line named once', () => {
    const text = `${source}\nnote: &shared [a, b]\nalso: [*shared, *shared]\n`;
    const check = parseProtocolFile(text);
    assert.deepEqual(check.ok ? [] : check.problems.map(describeProblem), [
      refused(lineOf(text, '&shared')),
      refused(lineOf(text, '*shared')),
    ]);
  });

  test('an alias bomb is refused before it is expanded', () => {
    const names = 'abcdefghij'.split('');
    const bomb = names
      .map((name, i) =>
        i === 0
          ? `${name}: &${name} [x, x]`
          : `${name}: &${name} [*${names[i - 1]}, *${names[i - 1]}]`,
      )
      .join('\n');
    const check = parseProtocolFile(bomb);
    assert.equal(check.ok, false);
    assert.equal(check.ok ? 0 : check.problems.length, names.length);
  });
});

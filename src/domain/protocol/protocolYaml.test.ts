import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { draftArbitrary } from '../../../test/arbitraries/draftArbitrary.ts';
import { draftToYaml, protocolToYaml } from './protocolYaml.ts';
import { parseProtocolFile, validateProtocol } from './validateProtocol.ts';

// Fields out of order, defaults written out, numbers of each kind, a long text and a meeting
// that is not minuted: the writer puts it in the built-in files' order and style.
const scrambled = `
urgent:
  caps: []
  notifyMonitoringTeam: true
  guidance: Act now and call the Children's Hub or the police.
version: 2
stages:
  - onEntry: { notifyMonitoringTeam: false, tellOtherAgencyFirst: false }
    jumpsTo: []
    prompts: []
    timescale: { amount: 5, unit: workingDays }
    roles: { other: [manager], raising: [practitioner], partnership: [], byAgencyKind: {} }
    sides: both
    who: The two professionals who disagree talk, by phone or face to face.
    guidance: Say what worries you about the child and why, and listen to the other view. Agree what happens next and write it down.
    name: Talk it through
    number: 1
    key: conversation
  - key: managers
    number: "4a"
    name: Managers
    who: Line managers.
    roles: { raising: [manager], other: [manager], byAgencyKind: { police: [senior-manager] } }
    timescale: { unit: hours, amount: 24 }
    guidance: Agree a plan.
    onEntry:
      chairedMeeting: { purpose: A panel, chair: partnership-independent-chair, minuted: false }
  - key: panel
    number: "01"
    name: Panel
    who: The panel.
    sides: partnership
    roles: { partnership: [partnership-team] }
    timescale: { unit: none }
    guidance: The panel decides.
    onEntry:
      chairedMeeting: { purpose: A panel, chair: partnership-independent-chair, minuted: true }
name: Riverside
id: riverside
terms: { stage: stage, partnership: Riverside partnership, frontDoor: Hub, monitoringTeam: unit }
calendar:
  workingHours: { end: "17:00", start: "09:00" }
  timeZone: Europe/London
  region: england-and-wales
recording: { guidance: Record it., childsRecord: on-childs-record }
learning:
  themes: [training, commissioning, agency-guidance, partnership-guidance]
  route: the subgroup
  guidance: Send lessons on.
  subgroups: [{ name: Learning and improvement subgroup }]
caps: []
principles: []
`;

const expected = `id: riverside
version: 2
name: Riverside
terms:
  partnership: Riverside partnership
  frontDoor: Hub
  monitoringTeam: unit
calendar:
  region: england-and-wales
  timeZone: Europe/London
  workingHours: { start: "09:00", end: "17:00" }

stages:
  - key: conversation
    number: 1
    name: Talk it through
    who: The two professionals who disagree talk, by phone or face to face.
    roles: { raising: [practitioner], other: [manager] }
    timescale: { unit: workingDays, amount: 5 }
    guidance: >-
      Say what worries you about the child and why, and listen to the other view. Agree what happens
      next and write it down.

  - key: managers
    number: 4a
    name: Managers
    who: Line managers.
    roles: { raising: [manager], other: [manager], byAgencyKind: { police: [senior-manager] } }
    timescale: { unit: hours, amount: 24 }
    guidance: Agree a plan.
    onEntry:
      chairedMeeting:
        chair: partnership-independent-chair
        purpose: A panel
        minuted: false

  - key: panel
    number: "01"
    name: Panel
    who: The panel.
    sides: partnership
    roles: { partnership: [partnership-team] }
    timescale: { unit: none }
    guidance: The panel decides.
    onEntry:
      chairedMeeting:
        chair: partnership-independent-chair
        purpose: A panel

urgent:
  guidance: Act now and call the Children's Hub or the police.
  notifyMonitoringTeam: true

recording:
  childsRecord: on-childs-record
  guidance: Record it.

learning:
  route: the subgroup
  guidance: Send lessons on.
`;

describe('protocolToYaml', () => {
  test('writes the fields in the order and style of the built-in files, leaving defaults out', () => {
    const check = parseProtocolFile(scrambled);
    assert.ok(check.ok);
    assert.equal(protocolToYaml(check.protocol), expected);
  });

  test('a stage number of digits reads back as the same text, whatever it is', () => {
    const check = parseProtocolFile(expected);
    assert.ok(check.ok);
    assert.deepEqual(
      check.protocol.stages.map((stage) => stage.number),
      ['1', '4a', '01'],
    );
  });
});

describe('draftToYaml', () => {
  test('a valid protocol is written as protocolToYaml writes it', () => {
    const check = parseProtocolFile(scrambled);
    assert.ok(check.ok);
    assert.equal(draftToYaml(check.protocol), expected);
  });

  test('writes a half-done draft so that reading it back finds the same problems, or none', () => {
    fc.assert(
      fc.property(draftArbitrary, (draft) => {
        assert.deepEqual(parseProtocolFile(draftToYaml(draft)), validateProtocol(draft));
      }),
      { numRuns: 80 },
    );
  });

  test('keeps the known order first, and what the format does not know after it', () => {
    const yaml = draftToYaml({ colour: 'blue', stages: [{ name: 'Talk', key: 'talk' }], id: 'x' });
    assert.equal(yaml, 'id: x\n\nstages:\n  - key: talk\n    name: Talk\ncolour: blue\n');
  });

  test('never throws: any value becomes YAML that reads without errors', () => {
    fc.assert(
      fc.property(
        fc.anything({ withDate: true, withBigInt: true, withNullPrototype: true }),
        (value) => {
          const yaml = draftToYaml(value);
          assert.equal(typeof yaml, 'string');
          assert.deepEqual(parseDocument(yaml).errors, []);
        },
      ),
      { numRuns: 300 },
    );
    const cyclic: Record<string, unknown> = { id: 'loop' };
    cyclic.stages = [cyclic];
    assert.equal(draftToYaml(cyclic), 'id: loop\n\nstages:\n  - null\n');
  });
});

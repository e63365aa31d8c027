import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { aDomainCase, aDomainCast, applied } from '../../../test/domainCases.ts';
import { london } from '../../../test/londonTime.ts';
import { categoryNames } from '../vocabularyNames.ts';
import { escalate } from './actions/escalate.ts';
import { fillMonitoringForm, monitoringFormFor } from './monitoringForm.ts';

describe('the monitoring form', () => {
  test('a protocol’s form belongs to the stage whose entry produces it; Humber has none', () => {
    const lancashire = aDomainCase(aDomainCast(), { raisedAt: london('2026-11-23T14:00') });
    const found = monitoringFormFor(lancashire.rules);
    assert.equal(found?.form.id, 'stage-3-monitoring');
    assert.equal(found?.stage.key, 'stage-3');
    const humber = aDomainCase(aDomainCast(), {
      protocolId: 'humber',
      raisedAt: london('2026-11-23T14:00'),
    });
    assert.equal(monitoringFormFor(humber.rules), undefined);
  });

  test('it is filled from the case: the referrer, the concern, the stages so far', () => {
    const cast = aDomainCast();
    const raised = aDomainCase(cast, {
      raisedAt: london('2026-11-23T14:00'),
      now: london('2026-11-26T10:00'),
    });
    let disagreement = raised.disagreement;
    for (const day of ['24', '25', '26']) {
      disagreement = applied(
        cast,
        disagreement,
        raised.rules,
        escalate,
        {
          occurredAt: london(`2026-11-${day}T09:00`).toString(),
          reason: `Still unresolved on the ${day}th`,
        },
        cast.school.senior,
      ).disagreement;
    }
    const found = monitoringFormFor(raised.rules);
    assert.ok(found);
    const filled = fillMonitoringForm(disagreement, raised.rules, found.form, found.stage, {
      person: (id) => cast.people.find((person) => person.id === id),
      agencyName: (id) => cast.agencies.find((agency) => agency.id === id)?.name ?? 'an agency',
    });
    const value = (label: RegExp) => filled.fields.find((field) => label.test(field.label))?.value;
    assert.equal(value(/^Name of referrer$/), 'Brookside School Practitioner');
    assert.match(value(/^Agencies involved$/) ?? '', /Brookside School and Riverside Social Care/);
    assert.match(value(/^Issues of concern/) ?? '', /Impact on the child: Robin misses meals/);
    assert.match(
      value(/^Dates and outcome of stages 1 and 2$/) ?? '',
      /Stage 1 .*escalated: Still unresolved on the 25th/,
    );
    assert.equal(value(/^Outcome$/), 'Not yet resolved');
    assert.equal(value(/^Date of referral$/), '', 'blank where the case is silent');
  });

  test('a field from category names it in the words of the case’s protocol version', () => {
    const cast = aDomainCast();
    const raised = aDomainCase(cast, { raisedAt: london('2026-11-23T14:00'), category: 'cp-plan' });
    const found = monitoringFormFor(raised.rules);
    assert.ok(found);
    const form = {
      ...found.form,
      fields: [{ label: 'Nature of disagreement', from: 'category' as const, withAgency: false }],
    };
    const directory = { person: () => undefined, agencyName: () => '' };
    const fill = (protocol: typeof raised.rules.protocol) =>
      fillMonitoringForm(
        raised.disagreement,
        { ...raised.rules, protocol },
        form,
        found.stage,
        directory,
      ).fields[0]?.value;
    assert.equal(fill(raised.rules.protocol), categoryNames['cp-plan']);
    const ownWords = {
      ...raised.rules.protocol,
      categoryGroups: [
        { name: 'Child protection', categories: [{ id: 'cp-plan' as const, label: 'The plan' }] },
      ],
    };
    assert.equal(fill(ownWords), 'The plan');
  });
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { before, test } from 'node:test';
import { aDisagreementCast, type Cast } from '../../../../test/factories.ts';
import { pagesFor, walkTo, withoutFamily } from '../../../../test/raiseJourney.ts';
import { signIn } from '../../../../test/signIn.ts';
import { useTestApp } from '../../../../test/testApp.ts';
import { describeOnEachDatabase } from '../../../../test/testDatabase.ts';
import { fixedClock } from '../../../domain/clock.ts';
import { adoptProtocol } from '../../../services/adoptProtocol.ts';
import { commandLine } from '../../../services/requestContext.ts';

// The family page is asked only when a form of the protocol reads the family's details: a
// monitoring form that never asks about the family (test/protocols/monitoring-without-family.yaml)
// does not make raising ask for it.

const withoutFamilyProtocol = readFileSync(
  path.join(import.meta.dirname, '../../../../test/protocols/monitoring-without-family.yaml'),
  'utf8',
);

describeOnEachDatabase('the family page, only when the protocol’s forms need it', (context) => {
  const clock = fixedClock('2026-11-24T10:00:00Z');
  const server = useTestApp(context, { clock });
  let ashvale: Cast;

  before(async () => {
    ashvale = await aDisagreementCast(context.database);
    await adoptProtocol(
      { database: context.database, clock },
      {
        partnershipId: ashvale.partnershipId,
        protocolSource: withoutFamilyProtocol,
        reason: 'A monitoring form without the family',
      },
      commandLine,
    );
  });

  test('a monitoring form that reads nothing of the family: the children page goes on to the concern', async () => {
    const pages = pagesFor(server.app, await signIn(server.app, ashvale.school.practitioner.email));
    await walkTo(pages, ashvale, 'children', withoutFamily, {
      category: { category: 'threshold' },
    });
    const continued = await pages.post('/disagreements/new/children', {
      action: 'continue',
      firstName: 'Robin',
      lastName: 'Example',
      born: 'yes',
      'dateOfBirth-day': '3',
      'dateOfBirth-month': '6',
      'dateOfBirth-year': '2019',
    });
    assert.equal(continued.statusCode, 303, continued.body.slice(0, 1000));
    assert.equal(continued.headers.location, '/disagreements/new/concern');
    const family = await pages.get('/disagreements/new/family');
    assert.equal(family.statusCode, 303);
    assert.equal(family.headers.location, '/disagreements/new/concern');
  });
});

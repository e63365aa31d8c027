import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startSmtpSink } from '../../test/smtpSink.ts';
import { describeOnEachDatabase } from '../../test/testDatabase.ts';
import type { Database } from '../db/database.ts';
import { fixedClock } from '../domain/clock.ts';
import { smtpTransport } from '../notify/mailTransport.ts';
import { dispatchOutbox } from './dispatchOutbox.ts';
import { loadDemoData } from './loadDemoData.ts';
import { remindDeadlines } from './remindDeadlines.ts';

// Issue 6's acceptance, in-process with a fixed clock: the demo data set and a real SMTP server;
// the jobs send due reminders and overdue prompts for the demo's cases, each once, and nothing
// again when they run again, as after a restart.

/**
 * What the demo's cases ask for at 10am on Wednesday 25 November 2026, case by case (each
 * partnership numbers its own cases): the people src/demo/demoDataSet.ts names for each open
 * stage that is due or overdue (its stage's roles up each named person's chain), the next
 * stage's for an overdue one, and the owners of overdue actions. A change to the data set, the
 * protocols or who may hear of a case shows here as the messages it changes.
 */
const expected: Record<string, Partial<Record<Kind, string[]>>> = {
  'east-riding ER-2026-0003': {
    nextLevelAlert: ['angela.moore', 'hugh.fletcher'],
    stageOverdue: ['denise.porter', 'neil.barraclough'],
  },
  'east-riding ER-2026-0004': { stageReminder: ['christopher.bell', 'leon.clarke'] },
  'east-riding ER-2026-0005': { stageReminder: ['christopher.bell', 'kwame.mensah'] },
  'east-riding ER-2026-0007': { actionOverdue: ['amelia.rhodes'] },
  'humber HUM-2026-0001': {
    nextLevelAlert: ['bethany.cole', 'karen.dale'],
    stageOverdue: ['kieran.walsh', 'megan.foster'],
  },
  'humber HUM-2026-0002': { stageReminder: ['callum.stewart', 'ellie.marsh'] },
  'humber HUM-2026-0003': { stageReminder: ['graham.tate', 'marcus.webb'] },
  'humber HUM-2026-0005': {
    nextLevelAlert: ['dominic.reyes', 'marcus.webb'],
    stageOverdue: ['bethany.cole', 'ellie.marsh'],
  },
  'humber HUM-2026-0006': {
    nextLevelAlert: ['graham.tate', 'simon.akhtar'],
    stageOverdue: ['karen.dale', 'nicola.byrne'],
  },
  'humber HUM-2026-0007': { actionOverdue: ['daniel.hirst'] },
  'lincolnshire LIN-2026-0001': {
    nextLevelAlert: ['gary.whitfield', 'victor.nowak'],
    stageOverdue: ['phoebe.lambert', 'shannon.kelly'],
  },
  'lincolnshire LIN-2026-0003': { stageReminder: ['mohammed.rashid', 'sandra.okoro'] },
  'lincolnshire LIN-2026-0004': {
    stageOverdue: ['elaine.spencer', 'ian.cropper', 'reece.barker', 'sandra.okoro'],
  },
  'lincolnshire LIN-2026-0005': { stageReminder: ['dylan.hughes', 'jasmine.ward'] },
  'lincolnshire LIN-2026-0006': { stageReminder: ['alan.pickering', 'colin.reeve'] },
  'pan-lancashire PL-2026-0002': {
    nextLevelAlert: ['david.okafor', 'jane.fairclough'],
    stageOverdue: ['amir.chaudhry', 'nadia.hussain'],
  },
  'pan-lancashire PL-2026-0004': { stageOverdue: ['imran.sadiq', 'louise.bamber'] },
  'pan-lancashire PL-2026-0006': {
    nextLevelAlert: ['david.okafor', 'richard.ainsworth'],
    stageOverdue: ['maria.santos', 'nadia.hussain'],
  },
  'pan-lancashire PL-2026-0007': { actionOverdue: ['ayesha.malik', 'joanne.marsden'] },
};
type Kind =
  | 'stageReminder'
  | 'stageOverdue'
  | 'nextLevelAlert'
  | 'actionReminder'
  | 'actionOverdue';

function kindOf(subject: string): Kind {
  if (/^Overdue: an action/.test(subject)) return 'actionOverdue';
  if (/^Overdue/.test(subject)) return 'stageOverdue';
  if (/needs a speedy response/.test(subject)) return 'nextLevelAlert';
  if (/^An action you agreed/.test(subject)) return 'actionReminder';
  return 'stageReminder';
}

describeOnEachDatabase('the demo’s deadlines by e-mail', (context) => {
  // Wednesday 25 November 2026, 10:00 in London: a working morning.
  const clock = fixedClock('2026-11-25T10:00:00Z');
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  before(async () => {
    sink = await startSmtpSink();
    await loadDemoData({ database: context.database, clock });
  });
  after(() => sink?.stop());

  test('starting sends the due reminders and overdue prompts once; running again sends nothing', async () => {
    const transport = smtpTransport(sink.url, 'accord@example.org');
    try {
      const run = async () => {
        await remindDeadlines({ database: context.database, clock });
        await dispatchOutbox({ database: context.database, clock, transport }, 100);
      };
      await run();
      const first = sink.received.splice(0);
      const reminders = first.filter((mail) => / is due by /.test(mail.subject));
      const overdue = first.filter((mail) => /^Overdue/.test(mail.subject));
      const alerts = first.filter((mail) => /needs a speedy response/.test(mail.subject));
      console.log(
        `[${context.kind}] demo at 10am on Wednesday 25 November 2026: ${first.length} messages (${reminders.length} reminders, ${overdue.length} overdue prompts, ${alerts.length} next-level alerts); on the second run: see below`,
      );
      // Each message as the case it is about, what it is, and whom it went to.
      const partnershipOf = await partnershipsByPerson(context.database);
      const got = first
        .map((mail) => {
          const reference = /[A-Z][A-Z0-9]+-\d{4}-\d{4}/.exec(mail.subject)?.[0] ?? '?';
          const [person] = mail.to.map((to) => to.split('@')[0] ?? '');
          return `${partnershipOf.get(person ?? '') ?? '?'} ${reference} ${kindOf(mail.subject)} ${person}`;
        })
        .sort();
      const want = Object.entries(expected)
        .flatMap(([which, kinds]) =>
          Object.entries(kinds).flatMap(([kind, people]) =>
            (people ?? []).map((person) => `${which} ${kind} ${person}`),
          ),
        )
        .sort();
      assert.deepEqual(got, want);
      const keys = first.map((mail) => `${mail.to.join()}|${mail.subject}`);
      assert.equal(new Set(keys).size, keys.length, 'each once');
      await run();
      const second = sink.received.splice(0);
      console.log(`[${context.kind}] demo, second run: ${second.length} messages`);
      assert.deepEqual(second, []);
    } finally {
      transport.close();
    }
  });
});

/** Each demo person's partnership's protocol, by the name part of their e-mail address. */
async function partnershipsByPerson(database: Database): Promise<Map<string, string>> {
  const rows = await database.db
    .selectFrom('people')
    .innerJoin('protocol_versions', 'protocol_versions.partnership_id', 'people.partnership_id')
    .select(['people.email', 'protocol_versions.protocol_id'])
    .execute();
  return new Map(rows.map((row) => [row.email.split('@')[0] ?? '', row.protocol_id]));
}

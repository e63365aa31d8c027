import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startSmtpSink } from '../../test/smtpSink.ts';
import { describeOnEachDatabase } from '../../test/testDatabase.ts';
import { fixedClock } from '../domain/clock.ts';
import { smtpTransport } from '../notify/mailTransport.ts';
import { dispatchOutbox } from './dispatchOutbox.ts';
import { loadDemoData } from './loadDemoData.ts';
import { remindDeadlines } from './remindDeadlines.ts';

// Issue 6's acceptance, in-process with a fixed clock: the demo data set and a real SMTP server;
// the jobs send due reminders and overdue prompts for the demo's cases, each once, and nothing
// again when they run again, as after a restart.

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
      assert.ok(reminders.length >= 1, 'at least one due reminder');
      assert.ok(overdue.length >= 1, 'at least one overdue prompt');
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

import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as cheerio from 'cheerio';
import { formOf, useProtocolEditor } from '../../../../test/protocolEditorKit.ts';
import { describeOnEachDatabase } from '../../../../test/testDatabase.ts';
import { partnershipRepository } from '../../../db/repositories/partnershipRepository.ts';
import { parseProtocolFile } from '../../../domain/protocol/validateProtocol.ts';

// Issue 13's six-step protocol, built through the editor's pages as a business manager would
// from its description: steps 1 to 5 share a limit of 5 working days from raising, step 6 has
// 14 working days, and the urgent route puts the whole ladder within 24 hours of raising. Its
// preview is checked against due times worked out by hand on a calendar.

describeOnEachDatabase('the six-step protocol, built in the editor', (context) => {
  const editor = useProtocolEditor(context);
  const { post, newDraft } = editor;
  const get = async (url: string) => (await editor.get(url)).$;
  /** Opens a page of the draft, changes some answers and saves: the overview comes next. */
  const change = async (url: string, answers: Record<string, unknown>) => {
    const saved = await post(url, { ...formOf(await get(url)), ...answers });
    assert.equal(
      saved.statusCode,
      303,
      `${url}: ${cheerio.load(saved.body)('.govuk-error-summary').text()}`,
    );
    return saved;
  };
  const draftVersion = async (draft: string) => formOf(await get(`${draft}/about`)).draftVersion;

  test('six steps, their limits and the urgent route, previewed against hand-worked times and adopted', async () => {
    const draft = await newDraft('lincolnshire');
    // Lincolnshire has four steps: the fourth goes, and three are added.
    await post(`${draft}/stages/3/remove`, {
      draftVersion: await draftVersion(draft),
      confirm: 'yes',
    });
    for (let added = 0; added < 3; added++) {
      assert.equal(
        (await post(`${draft}/stages`, { draftVersion: await draftVersion(draft) })).statusCode,
        303,
      );
    }
    const steps = [
      'Practitioners talk',
      'Team managers talk',
      'Service managers talk',
      'Heads of service talk',
      'Directors talk',
      'Independent scrutiny',
    ];
    for (const [index, name] of steps.entries()) {
      await change(`${draft}/stages/${index}`, {
        key: `step-${index + 1}`,
        number: String(index + 1),
        name,
        who: name.replace(' talk', ''),
        sides: 'both',
        rolesRaising: index < 2 ? ['manager'] : ['senior-manager'],
        rolesOther: index < 2 ? ['manager'] : ['senior-manager'],
        timescaleUnit: index === 5 ? 'workingDays' : 'none',
        timescaleAmount: index === 5 ? '14' : '',
        guidance: `Step ${index + 1} of the example protocol.`,
        jumpsTo: [],
      });
    }
    // The limits: steps 1 to 5 within 5 working days of raising; urgent cases, all in 24 hours.
    const limits = await get(`${draft}/caps`);
    const caps = limits('tbody tr').length;
    const addCap = async (list: string) => {
      const added = await post(`${draft}/caps`, { draftVersion: await draftVersion(draft), list });
      return String(added.headers.location);
    };
    await change(await addCap('protocol'), {
      name: 'steps 1 to 5 together',
      stages: ['step-1', 'step-2', 'step-3', 'step-4', 'step-5'],
      from: 'raised',
      timescaleUnit: 'workingDays',
      timescaleAmount: '5',
    });
    await change(await addCap('urgent'), {
      name: 'the immediate route',
      stages: steps.map((_, i) => `step-${i + 1}`),
      from: 'raised',
      timescaleUnit: 'hours',
      timescaleAmount: '24',
    });
    await change(`${draft}/urgent`, {
      guidance: 'When the child is at significant risk, the whole ladder takes 24 hours.',
      notifyMonitoringTeam: 'yes',
    });
    const overview = await get(draft);
    assert.match(
      overview('main').text(),
      /The checker finds no problems/,
      overview('.govuk-error-summary').text(),
    );
    assert.equal((await get(`${draft}/caps`))('tbody tr').length, caps + 2);

    // Raised at 10am on Monday 2 March 2026: steps 1 to 5 by 5pm on Monday 9 March (3, 4, 5, 6,
    // 9); step 6, 14 working days from Monday 9 March: 10 … 13, 16 … 20, 23 … 27 → Friday 27 March.
    const preview = await get(
      `${draft}/preview?raisedAt-day=2&raisedAt-month=3&raisedAt-year=2026&raisedAt-time=10am&urgent=no&pathway=general`,
    );
    const rows = preview('table')
      .filter((_, table) =>
        /Raised at 10am on Monday 2 March 2026/.test(preview(table).find('caption').text()),
      )
      .find('tbody tr');
    const dues = rows.map((_, row) => preview(row).find('td').eq(2).text().trim()).get();
    assert.deepEqual(dues, [
      ...Array(5).fill('by 5pm on Monday 9 March 2026'),
      'by 5pm on Friday 27 March 2026',
    ]);
    // Urgent, raised at 3pm on Thursday 24 December 2026: 24 elapsed hours, Christmas Day or not.
    const urgent = await get(
      `${draft}/preview?raisedAt-day=24&raisedAt-month=12&raisedAt-year=2026&raisedAt-time=3pm&urgent=yes&pathway=general`,
    );
    const urgentDues = urgent('table')
      .filter(
        (_, table) =>
          /urgent/.test(urgent(table).find('caption').text()) &&
          /24 December 2026/.test(urgent(table).find('caption').text()),
      )
      .find('tbody tr')
      .map((_, row) => urgent(row).find('td').eq(2).text().trim())
      .get();
    assert.deepEqual(urgentDues, Array(6).fill('by 3pm on Friday 25 December 2026'));

    const version = await draftVersion(draft);
    const adopted = await post(`${draft}/adopt`, {
      draftVersion: version,
      reason: 'The six-step policy',
    });
    assert.equal(adopted.statusCode, 303);
    const stored = await partnershipRepository(context.database.db).protocolVersion(
      editor.partnershipId,
    );
    const check = parseProtocolFile(stored?.source ?? '');
    assert.ok(check.ok);
    assert.deepEqual(
      check.protocol.stages.map((stage) => stage.key),
      ['step-1', 'step-2', 'step-3', 'step-4', 'step-5', 'step-6'],
    );
    assert.deepEqual(
      check.protocol.urgent.caps.map((cap) => cap.timescale),
      [{ unit: 'hours', amount: 24 }],
    );
  });
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { formOf, useProtocolEditor } from '../../../../test/protocolEditorKit.ts';
import { describeOnEachDatabase } from '../../../../test/testDatabase.ts';
import { protocolDraftRepository } from '../../../db/repositories/protocolDraftRepository.ts';

// A stage's key changed on its page: every reference to the old key follows it.

describeOnEachDatabase('a stage’s new key in the editor', (context) => {
  const editor = useProtocolEditor(context);
  const { get, post, newDraft } = editor;

  test('East Riding’s stage-2 renamed: its limit and form follow, and the draft has no problems', async () => {
    const draft = await newDraft('east-riding');
    const { $ } = await get(`${draft}/stages/1`);
    assert.equal($('input[name=key]').attr('value'), 'stage-2');
    // The page as sent back by a browser, with the new key.
    const values = formOf($);
    const saved = await post(`${draft}/stages/1`, { ...values, key: 'managers' });
    assert.equal(saved.statusCode, 303, saved.body);
    assert.equal(saved.headers.location, draft);

    const overview = await get(draft);
    assert.match(overview.$('main').text(), /The checker finds no problems/);
    const id = draft.split('/').at(-1) as string;
    const stored = await protocolDraftRepository(context.database.db).get(editor.partnershipId, id);
    const data = parse(stored?.source ?? '');
    assert.deepEqual(data.caps[0].stages, ['stage-1', 'managers', 'stage-3', 'stage-4']);
    assert.deepEqual(data.forms[0].fields[10].stages, ['stage-1', 'managers', 'stage-3']);
    assert.doesNotMatch(stored?.source ?? '', /\bstage-2\b/);
  });
});

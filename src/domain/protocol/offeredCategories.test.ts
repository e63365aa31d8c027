import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { builtInProtocol, builtInProtocolIds } from '../../protocols/builtInProtocols.ts';
import { categories } from '../vocabulary.ts';
import { categoryHints, categoryNames } from '../vocabularyNames.ts';
import { categoryName, offeredCategories, offersCategory } from './offeredCategories.ts';
import { parseProtocolFile } from './validateProtocol.ts';

const ownCategories = (() => {
  const file = path.join(import.meta.dirname, '../../../test/protocols/own-categories.yaml');
  const check = parseProtocolFile(readFileSync(file, 'utf8'));
  if (!check.ok) throw new Error(JSON.stringify(check.problems));
  return check.protocol;
})();

describe('the categories a protocol offers', () => {
  test('a protocol with no categoryGroups offers every category once, in the service’s words', () => {
    for (const id of builtInProtocolIds) {
      const protocol = builtInProtocol(id);
      assert.equal(protocol.categoryGroups, undefined, `${id} lists no categoryGroups`);
      const offered = offeredCategories(protocol).flatMap((group) => group.categories);
      assert.deepEqual(offered.map((category) => category.id).sort(), [...categories].sort());
      for (const category of offered) {
        assert.equal(category.label, categoryNames[category.id]);
        assert.equal(category.hint, categoryHints[category.id]);
        assert.ok(offersCategory(protocol, category.id));
      }
      assert.ok(offeredCategories(protocol).length > 1, 'the service’s own groups');
    }
  });

  test('a protocol’s own groups, in its order and words; a missing label or hint is the service’s', () => {
    const groups = offeredCategories(ownCategories);
    assert.deepEqual(
      groups.map((group) => [group.name, group.categories.map((category) => category.id)]),
      [
        ['At the family front door', ['referral-not-accepted', 'threshold']],
        ['Keeping the child safe', ['child-protection-procedures', 'cp-plan']],
        ['Working together', ['information-sharing', 'other']],
      ],
    );
    const threshold = groups[0]?.categories[1];
    assert.equal(threshold?.label, 'How much help the family needs');
    assert.equal(threshold?.hint, categoryHints.threshold);
    assert.equal(
      groups[0]?.categories[0]?.hint,
      'The Family Front Door did not accept a request for support.',
    );
  });

  test('it offers only those it lists', () => {
    assert.ok(offersCategory(ownCategories, 'cp-plan'));
    assert.equal(offersCategory(ownCategories, 'placement'), false);
    assert.equal(offersCategory(ownCategories, 'not-a-category'), false);
    assert.equal(offersCategory(builtInProtocol('humber'), 'not-a-category'), false);
  });

  test('a case’s category is named in its protocol’s words, else the service’s', () => {
    assert.equal(categoryName(ownCategories, 'cp-plan'), 'The child protection plan');
    assert.equal(categoryName(ownCategories, 'placement'), categoryNames.placement);
    assert.equal(categoryName(builtInProtocol('humber'), 'cp-plan'), categoryNames['cp-plan']);
    assert.equal(categoryName(undefined, 'cp-plan'), categoryNames['cp-plan']);
    assert.equal(categoryName(ownCategories, 'retired-category'), 'retired-category');
  });
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type CookieFacts,
  defaultServicePageText,
  servicePageKinds,
} from './defaultServicePages.ts';
import { fillPlaceholders, inlineParts, servicePageBlocks } from './servicePageText.ts';

test('paragraphs are split by blank lines, and a paragraph’s lines join', () => {
  assert.deepEqual(servicePageBlocks('One\ntwo.\n\n\r\nThree.'), [
    { kind: 'paragraph', parts: [{ text: 'One two.' }] },
    { kind: 'paragraph', parts: [{ text: 'Three.' }] },
  ]);
});

test('"## " starts a heading and "- " a bullet, also straight after a paragraph’s line', () => {
  assert.deepEqual(servicePageBlocks('## Hours\nWe are open:\n- Monday\n- Tuesday\nThen closed.'), [
    { kind: 'heading', text: 'Hours' },
    { kind: 'paragraph', parts: [{ text: 'We are open:' }] },
    { kind: 'list', items: [[{ text: 'Monday' }], [{ text: 'Tuesday' }]] },
    { kind: 'paragraph', parts: [{ text: 'Then closed.' }] },
  ]);
});

test('markup stays text: nothing is turned into HTML but links the rule makes', () => {
  const blocks = servicePageBlocks('<script>alert(1)</script> <a href="javascript:x">x</a>');
  assert.deepEqual(blocks, [
    {
      kind: 'paragraph',
      parts: [{ text: '<script>alert(1)</script> <a href="javascript:x">x</a>' }],
    },
  ]);
});

test('e-mail and https addresses become links, without the full stop after them', () => {
  assert.deepEqual(inlineParts('Write to team@example.org. Or see https://example.org/a?b=1.'), [
    { text: 'Write to ' },
    { text: 'team@example.org', href: 'mailto:team@example.org' },
    { text: '. Or see ' },
    { text: 'https://example.org/a?b=1', href: 'https://example.org/a?b=1' },
    { text: '.' },
  ]);
  assert.deepEqual(inlineParts('http://example.org and javascript:alert(1)'), [
    { text: 'http://example.org and javascript:alert(1)' },
  ]);
});

test('placeholders are filled, with a capital where they begin a sentence', () => {
  const values = { partnership: 'your partnership', retentionPeriod: '72 months after it ends' };
  assert.equal(
    fillPlaceholders(
      '{partnership} holds it. Ask {partnership}: {partnership} keeps it {retention period}.',
      values,
    ),
    'Your partnership holds it. Ask your partnership: Your partnership keeps it 72 months after it ends.',
  );
  assert.equal(
    fillPlaceholders('- {partnership}\n## {partnership}', values),
    '- Your partnership\n## Your partnership',
  );
});

test('every default page reads as headings, paragraphs and lists, and names its facts', () => {
  const facts: CookieFacts = {
    session: { name: 'the_session', idleMinutes: 30, absoluteHours: 12 },
    device: { name: 'the_device', days: 180 },
    keptAnswers: { name: 'the_kept', hours: 2 },
  };
  for (const kind of servicePageKinds) {
    const blocks = servicePageBlocks(defaultServicePageText(kind, facts));
    assert.ok(
      blocks.some((block) => block.kind === 'heading'),
      kind,
    );
    assert.ok(
      blocks.some((block) => block.kind === 'paragraph'),
      kind,
    );
  }
  assert.match(defaultServicePageText('cookies', facts), /- the_session: .*30 minutes.*12 hours/);
  assert.match(defaultServicePageText('cookies', facts), /- the_device: .*180 days/);
  assert.match(defaultServicePageText('privacy', facts), /removed \{retention period\}/);
  // WCAG 2.2.1: the idle limit can be extended; the 12-hour one is an essential security limit.
  const statement = defaultServicePageText('accessibility', facts);
  assert.match(
    statement,
    /after 30 minutes without activity\. Two minutes before, a warning lets you stay signed in/,
  );
  assert.match(statement, /12 hours after signing in.*cannot be extended, because it is essential/);
  assert.match(statement, /anything you had typed is kept for 2 hours/);
});

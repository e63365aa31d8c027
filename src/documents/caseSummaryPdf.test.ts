import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { CaseSummary } from '../domain/disagreement/caseSummary.ts';
import { caseSummaryPdf } from './caseSummaryPdf.ts';

const person = (name: string) => ({ id: `id-${name}`, name });
const agency = (name: string) => ({ id: `id-${name}`, name });

// Names invented for the test, one in each script Accord must print exactly.
const latin = ['Łucja Wiśniewska', 'Ayşe Yılmaz'];
const vietnamese = 'Nguyễn Thị Ánh';
const greek = 'Δημήτρης Παπαδόπουλος';
const cyrillic = 'Олена Коваленко';
const fromTheFallback = ['王小明', 'ნინო ბერიძე', 'አበበ በቀለ'];

function aSummary(overrides: Partial<CaseSummary> = {}): CaseSummary {
  return {
    reference: 'PL-2026-0012',
    partnership: { id: 'p', name: 'Riverside Safeguarding Children Partnership' },
    protocol: { id: 'pan-lancashire', version: 1, name: 'Pan-Lancashire escalation policy' },
    timeZone: 'Europe/London',
    generatedAt: '2026-11-26T10:15:00Z',
    recording: {
      childsRecord: 'not-on-childs-record',
      advice:
        'Keep this summary in your agency’s records of the disagreement, not on the child’s record.',
      guidance: "Keep records of the challenge by e-mail – not on the child's record.",
    },
    purgedAt: null,
    status: 'resolved',
    urgent: false,
    category: { id: 'threshold', name: 'Threshold' },
    pathway: { id: 'general', name: 'General' },
    localAuthority: { id: 'la', name: 'Riverside Council' },
    raisedAt: '2026-11-23T14:00:00Z',
    raisedBy: person(latin[0] as string),
    raisingAgency: agency('Riverside Primary School'),
    otherAgencies: [agency('Riverside Children’s Social Care')],
    otherProfessional: person(greek),
    children: [
      {
        firstName: 'Nguyễn Thị',
        lastName: 'Ánh',
        dateOfBirth: '2018-03-02',
        expectedDueDate: null,
      },
    ],
    concern: {
      summary: 'The referral was not accepted although the school sees neglect.',
      impactOnChild: 'The child comes to school hungry.',
      desiredOutcome: 'A child and family assessment.',
      evidence: null,
    },
    stages: [
      {
        key: 'stage-1',
        label: 'Stage 1 (Practitioner to practitioner)',
        enteredAt: '2026-11-23T14:00:00Z',
        enteredBy: person(latin[0] as string),
        reason: null,
        writtenAccount: null,
        writtenAccountBy: null,
        dueAt: '2026-11-30T17:00:00Z',
        leftAt: '2026-11-25T09:00:00Z',
        outcome: 'escalated',
      },
      {
        key: 'stage-2',
        label: 'Stage 2 (Manager to manager)',
        enteredAt: '2026-11-25T09:00:00Z',
        enteredBy: person(latin[1] as string),
        reason: 'No agreement at stage 1',
        writtenAccount: null,
        writtenAccountBy: null,
        dueAt: '2026-12-02T17:00:00Z',
        leftAt: '2026-11-26T09:00:00Z',
        outcome: 'resolved',
      },
    ],
    records: [
      {
        stage: 'Stage 1 (Practitioner to practitioner)',
        occurredAt: '2026-11-24T09:30:00Z',
        mode: 'phone',
        modeName: 'Phone call',
        participants: [cyrillic, ...fromTheFallback],
        summary: `We talked it through with ${cyrillic} 👍 and did not agree.`,
        recordedBy: person(latin[0] as string),
        recordedAt: '2026-11-24T10:00:00Z',
      },
    ],
    meetings: [],
    actions: [
      {
        description: 'Complete a child and family assessment',
        owner: {
          ...person(cyrillic),
          jobTitle: 'Social Worker',
          agency: { id: 'agency-1', name: 'Riverside Council' },
          nameWithRole: `${cyrillic} — Social Worker, Riverside Council`,
        },
        dueAt: '2026-12-10T17:00:00Z',
        completedAt: null,
      },
    ],
    childDeadline: null,
    outcome: {
      agreedOutcome: 'Children’s social care will assess.',
      proposedBy: person(latin[1] as string),
      proposedAt: '2026-11-26T09:00:00Z',
      confirmations: [
        {
          agency: agency('Riverside Primary School'),
          by: person(latin[0] as string),
          at: '2026-11-26T09:30:00Z',
        },
      ],
    },
    resolvedAt: '2026-11-26T09:30:00Z',
    closedAt: null,
    withdrawnReason: null,
    lessons: [],
    ...overrides,
  };
}

/** What a poppler tool (pdftotext, pdfinfo, pdffonts) reads from the summary's PDF. */
async function readBack(tool: string, args: string[], summary: CaseSummary): Promise<string> {
  const directory = mkdtempSync(join(tmpdir(), 'accord-case-summary-'));
  try {
    const file = join(directory, 'summary.pdf');
    writeFileSync(file, await caseSummaryPdf(summary));
    return execFileSync(tool, [...args, file, ...(tool === 'pdftotext' ? ['-'] : [])], {
      encoding: 'utf8',
    });
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

const squashed = (text: string) => text.replace(/\s+/g, ' ').trim();

test('the summary prints names in every script exactly, the rare ones from the fallback fonts', async () => {
  const text = await readBack('pdftotext', ['-layout'], aSummary());

  for (const name of [...latin, vietnamese, greek, cyrillic, ...fromTheFallback]) {
    assert.ok(text.includes(name), name);
  }
  assert.ok(text.includes('Nguyễn Thị Ánh, born Friday 2 March 2018'));
  assert.ok(text.includes(`with ${cyrillic} 👍 and did not agree`));
  assert.doesNotMatch(text, /\?/);
});

test('the summary embeds Noto Sans, and Unifont and Noto Emoji for what Noto Sans lacks', async () => {
  const fonts = await readBack('pdffonts', [], aSummary());
  const rows = fonts
    .split('\n')
    .slice(2)
    .filter((line) => line.trim() !== '');

  assert.deepEqual(rows.map((row) => row.split(/\s+/)[0]?.replace(/^[A-Z]{6}\+/, '')).sort(), [
    'NotoEmoji-Regular',
    'NotoSans-Bold',
    'NotoSans-Regular',
    'UnifontMedium',
  ]);
  for (const row of rows) assert.match(row, / yes +yes +yes /, `embedded, subset, Unicode: ${row}`);
});

test('the summary is tagged: a heading, sections, and lists of stages, records and actions', async () => {
  const structure = await readBack('pdfinfo', ['-struct'], aSummary());
  const tree = structure.split('\n').filter((line) => line.trim() !== '');
  const named = (type: string) => tree.filter((line) => line.trim().startsWith(`${type} `));

  assert.equal(tree[0]?.trim(), 'Document');
  assert.equal(named('H1').length, 1);
  assert.deepEqual(named('H2').length, 5, 'the case, stages, records, actions, outcome');
  assert.equal(named('L').length, 3);
  assert.equal(named('LI').length, 2 + 1 + 1);
  assert.ok(named('P').length > 10);
  assert.match(await readBack('pdfinfo', [], aSummary()), /^Tagged: +yes$/m);
});

test('the summary says where to keep it, the protocol’s guidance, the stages and the outcome', async () => {
  const text = squashed(await readBack('pdftotext', ['-layout'], aSummary()));

  assert.ok(text.includes('Case summary: PL-2026-0012'));
  assert.ok(
    text.includes(
      'Keep this summary in your agency’s records of the disagreement, not on the child’s record.',
    ),
  );
  assert.ok(
    text.includes(
      "The protocol’s recording guidance: Keep records of the challenge by e-mail – not on the child's record.",
    ),
  );
  assert.ok(
    text.includes(
      'Stage 1 (Practitioner to practitioner) Entered 2pm on Monday 23 November 2026 by Łucja Wiśniewska',
    ),
  );
  assert.ok(text.includes('Ended 9am on Wednesday 25 November 2026: escalated'));
  assert.ok(text.includes('Why: No agreement at stage 1'));
  assert.ok(text.includes('Agreed outcome Children’s social care will assess.'));
  assert.ok(
    text.includes(
      'Owner: Олена Коваленко — Social Worker, Riverside Council. Due by 5pm on Thursday 10 December 2026.',
    ),
  );
  assert.ok(
    text.includes(
      'Generated by Accord at 10:15am on Thursday 26 November 2026 — OFFICIAL-SENSITIVE',
    ),
  );
  assert.doesNotMatch(text, /Details removed/);
});

test('a purged case says when its details were removed, and shows no empty labels', async () => {
  const purged = aSummary({
    purgedAt: '2033-01-02T03:00:00Z',
    children: [],
    concern: { summary: '', impactOnChild: '', desiredOutcome: '', evidence: null },
    records: [],
    actions: [
      {
        description: '',
        owner: { ...person(cyrillic), jobTitle: null, agency: null, nameWithRole: cyrillic },
        dueAt: '2026-12-10T17:00:00Z',
        completedAt: null,
      },
    ],
    outcome: {
      agreedOutcome: '',
      proposedBy: person(latin[1] as string),
      proposedAt: '2026-11-26T09:00:00Z',
      confirmations: [],
    },
  });
  const text = squashed(await readBack('pdftotext', ['-layout'], purged));

  assert.ok(
    text.includes(
      'Details removed on Sunday 2 January 2033 under the partnership’s retention policy.',
    ),
  );
  for (const label of [
    'Child',
    'The concern',
    'Impact on the child',
    'Outcome wanted',
    'Agreed outcome',
    'Records of discussions',
    'Confirmed by',
  ]) {
    assert.doesNotMatch(text, new RegExp(`\\b${label}\\b`), label);
  }
  assert.ok(text.includes('Stage 2 (Manager to manager)'), 'the stages remain');
  assert.ok(text.includes('An agreed action'));
});

test('right-to-left text prints its letters from the fallback font, though not reordered', async () => {
  const arabic = 'سارة';
  const hebrew = 'שרה';
  const text = await readBack(
    'pdftotext',
    [],
    aSummary({ otherProfessional: person(`${arabic} ${hebrew}`) }),
  );

  // pdfkit lays out no bidirectional text: the letters are all there, their order is not kept.
  for (const letter of [...arabic, ...hebrew]) assert.ok(text.includes(letter), letter);
});

test('the same summary gives the same PDF', async () => {
  const first = await caseSummaryPdf(aSummary());
  const second = await caseSummaryPdf(aSummary());

  assert.equal(first.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.ok(first.equals(second));
});

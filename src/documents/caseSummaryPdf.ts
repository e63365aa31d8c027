import { formatDate, formatInstant, listInWords } from '../domain/calendar/formatting.ts';
import type { CaseSummary } from '../domain/disagreement/caseSummary.ts';
import {
  bodySize,
  contentWidth,
  marking,
  pdfText,
  secondaryColour,
  TaggedPdf,
} from './pdf/taggedPdf.ts';

const body = { size: bodySize };
const bold = { bold: true, size: bodySize };
const listIndent = 12;

const statusNames: Record<CaseSummary['status'], string> = {
  open: 'Open',
  resolved: 'Resolved',
  closed: 'Closed',
  withdrawn: 'Withdrawn',
};
const outcomeNames = { escalated: 'escalated', resolved: 'resolved', withdrawn: 'withdrawn' };

/**
 * The case summary as a tagged A4 PDF for a party agency's records: the recording guidance
 * first, then the case, its stages, records, meetings, actions, outcome and lessons. What is
 * empty (a purged case's texts and lists) is left out rather than shown blank.
 */
export async function caseSummaryPdf(summary: CaseSummary): Promise<Buffer> {
  const when = (iso: string) => formatInstant(Temporal.Instant.from(iso), summary.timeZone);
  const pdf = new TaggedPdf({
    title: pdfText(`Case summary: ${summary.reference}`),
    subject: pdfText(`${summary.partnership.name}, for a party agency’s records`),
    createdAt: new Date(Temporal.Instant.from(summary.generatedAt).epochMilliseconds),
    continuation: pdfText(`Case summary, case reference ${summary.reference} (continued)`),
  });
  const writer = new SummaryWriter(pdf);

  pdf.paragraph(pdfText(summary.partnership.name), {
    bold: true,
    size: 12,
    colour: secondaryColour,
  });
  pdf.gap(4);
  pdf.paragraph(
    pdfText(`Case summary: ${summary.reference}`),
    { bold: true, size: 20 },
    pdf.document,
    'H1',
  );
  pdf.gap(6);
  pdf.rule(2);
  pdf.gap(10);
  pdf.paragraph(pdfText(summary.recording.advice), bold);
  pdf.gap(4);
  pdf.paragraph(pdfText(`The protocol’s recording guidance: ${summary.recording.guidance}`), body);
  if (summary.purgedAt) {
    pdf.gap(8);
    pdf.paragraph(
      `Details removed on ${formatDate(Temporal.Instant.from(summary.purgedAt).toZonedDateTimeISO(summary.timeZone).toPlainDate())} under the partnership’s retention policy.`,
      bold,
    );
  }

  writer.section('The case');
  writer.field('Reference', summary.reference);
  writer.field('Status', `${statusNames[summary.status]}${summary.urgent ? ', urgent' : ''}`);
  writer.field('What it is about', summary.category.name);
  writer.field('Pathway', summary.pathway.name);
  writer.field('Local authority', summary.localAuthority?.name ?? '');
  writer.field(
    'Raised',
    `${when(summary.raisedAt)} by ${summary.raisedBy.name}, ${summary.raisingAgency.name}`,
  );
  writer.field(
    'With',
    `${listInWords(summary.otherAgencies.map((agency) => agency.name))}${summary.otherProfessional ? ` (${summary.otherProfessional.name})` : ''}`,
  );
  writer.field(
    summary.children.length === 1 ? 'Child' : 'Children',
    summary.children
      .map((child) =>
        `${child.firstName} ${child.lastName}${child.dateOfBirth ? `, born ${formatDate(Temporal.PlainDate.from(child.dateOfBirth))}` : child.expectedDueDate ? `, due ${formatDate(Temporal.PlainDate.from(child.expectedDueDate))}` : ''}`.trim(),
      )
      .filter((line) => line !== '')
      .join('\n'),
  );
  writer.field('The concern', summary.concern.summary);
  writer.field('Impact on the child', summary.concern.impactOnChild);
  writer.field('Outcome wanted', summary.concern.desiredOutcome);
  writer.field('Threshold indicators and evidence', summary.concern.evidence ?? '');

  writer.list(
    'Stages',
    summary.stages.map((stage) => ({
      heading: stage.label,
      lines: [
        `Entered ${when(stage.enteredAt)} by ${stage.enteredBy.name}`,
        stage.reason ? `Why: ${stage.reason}` : '',
        stage.writtenAccount
          ? `Written account${stage.writtenAccountBy ? ` (written by ${stage.writtenAccountBy})` : ''}: ${stage.writtenAccount}`
          : '',
        stage.dueAt ? `Due by ${when(stage.dueAt)}` : 'No set timescale',
        stage.leftAt
          ? `Ended ${when(stage.leftAt)}${stage.outcome ? `: ${outcomeNames[stage.outcome]}` : ''}`
          : 'The current stage',
      ],
    })),
  );
  writer.list(
    'Records of discussions',
    summary.records.map((record) => ({
      heading: `${record.modeName}${record.participants.length ? ` with ${listInWords(record.participants)}` : ''}, ${when(record.occurredAt)}`,
      lines: [record.summary, `Recorded by ${record.recordedBy.name} at ${record.stage}`],
    })),
  );
  writer.list(
    'Meetings',
    summary.meetings.map((meeting) => ({
      heading: `${meeting.stage}: ${when(meeting.startsAt)} to ${when(meeting.endsAt)}`,
      lines: [
        meeting.place ? `Where: ${meeting.place}` : '',
        `Chair: ${meeting.chair.name}`,
        meeting.attendees.length
          ? `Attending: ${listInWords(meeting.attendees.map((each) => each.name))}`
          : '',
        meeting.minutes ? `Minutes: ${meeting.minutes}` : '',
      ],
    })),
  );
  writer.list(
    'Agreed actions',
    summary.actions.map((action) => ({
      heading: action.description || 'An agreed action',
      lines: [
        `Owner: ${action.owner.nameWithRole}. Due by ${when(action.dueAt)}.`,
        action.completedAt ? `Completed ${when(action.completedAt)}` : 'Not completed',
      ],
    })),
  );
  if (summary.childDeadline) {
    writer.section('Deadline to protect the child');
    writer.field('Due by', when(summary.childDeadline.dueAt));
    writer.field('Why', summary.childDeadline.reason);
    writer.field(
      'Set by',
      `${summary.childDeadline.setBy.name}, ${when(summary.childDeadline.setAt)}`,
    );
  }
  writer.section('Outcome');
  if (summary.outcome) {
    writer.field('Agreed outcome', summary.outcome.agreedOutcome);
    writer.field(
      'Proposed by',
      `${summary.outcome.proposedBy.name}, ${when(summary.outcome.proposedAt)}`,
    );
    writer.field(
      'Confirmed by',
      summary.outcome.confirmations
        .map((each) => `${each.agency.name} (${each.by.name}, ${when(each.at)})`)
        .join('\n'),
    );
  }
  if (summary.status === 'withdrawn') writer.field('Withdrawn', summary.withdrawnReason ?? '');
  writer.field('Resolved', summary.resolvedAt ? when(summary.resolvedAt) : '');
  writer.field('Closed', summary.closedAt ? when(summary.closedAt) : '');
  if (!summary.outcome && summary.status === 'open') {
    pdf.paragraph('No outcome has been agreed yet.', body);
  }
  writer.list(
    'Lessons',
    summary.lessons.map((lesson) => ({ heading: lesson.themeNames, lines: [lesson.text] })),
  );

  return pdf.finish(pdfText(`Generated by Accord at ${when(summary.generatedAt)} — ${marking}`));
}

type ListItem = { heading: string; lines: string[] };

/** The summary's parts: sections, fields and lists, each left out when it has nothing to say. */
class SummaryWriter {
  private readonly pdf: TaggedPdf;

  constructor(pdf: TaggedPdf) {
    this.pdf = pdf;
  }

  /** A heading, kept on a page with what follows it (some lines, or the height given). */
  section(heading: string, following = 3 * this.pdf.lineHeight(body)): void {
    const pdf = this.pdf;
    pdf.gap(14);
    const style = { bold: true, size: 15 };
    pdf.ensureRoom(pdf.lineHeight(style) + 4 + following);
    pdf.paragraph(heading, style, pdf.document, 'H2');
    pdf.gap(4);
  }

  /** A label in bold over its value; nothing at all when the value is empty. */
  field(label: string, value: string): void {
    const pdf = this.pdf;
    const shown = pdfText(value).trim();
    if (shown === '') return;
    const paragraph = pdf.element('P');
    pdf.ensureRoom(2 * pdf.lineHeight(body));
    pdf.lines(label, bold, paragraph);
    pdf.lines(shown, body, paragraph);
    pdf.gap(6);
  }

  /** A section of items, each its heading in bold and its lines; left out when it has none. */
  list(heading: string, items: ListItem[]): void {
    if (items.length === 0) return;
    const pdf = this.pdf;
    const laidOut = items.map((item) => {
      const title = pdf.wrap(pdfText(item.heading), bold, contentWidth);
      const lines = item.lines
        .map(pdfText)
        .filter((text) => text.trim() !== '')
        .map((text) => pdf.wrap(text, body, contentWidth - listIndent));
      const height =
        title.length * pdf.lineHeight(bold) +
        lines.reduce((sum, wrapped) => sum + wrapped.length, 0) * pdf.lineHeight(body);
      return { title, lines, height };
    });
    this.section(heading, Math.min(laidOut[0]?.height ?? 0, 8 * pdf.lineHeight(body)));
    const list = pdf.element('L');
    for (const item of laidOut) {
      const entry = pdf.element('LBody', pdf.element('LI', list));
      // An item is kept on one page when it fits on one.
      pdf.ensureRoom(item.height);
      pdf.lines(item.title, bold, pdf.element('P', entry));
      for (const wrapped of item.lines) {
        pdf.lines(wrapped, body, pdf.element('P', entry), listIndent);
      }
      pdf.gap(8);
    }
  }
}

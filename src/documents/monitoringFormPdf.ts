import PDFDocument from 'pdfkit';

/** A protocol's monitoring form with its answers, everything already in words. */
export type FilledMonitoringForm = {
  title: string;
  intro: string;
  partnershipName: string;
  monitoringTeamName: string;
  caseReference: string;
  /** Already in words: "10:15am on Tuesday 24 November 2026". */
  generatedAt: string;
  /** The same moment, for the PDF's metadata; without it the metadata carries a fixed date. */
  createdAt?: Date;
  /** A value may be '' (not known: an empty box to write in) or hold several lines. */
  fields: { label: string; value: string }[];
};

type Doc = PDFKit.PDFDocument;

const marking = 'OFFICIAL-SENSITIVE';
const textColour = '#0b0c0c';
const secondaryColour = '#505a5f';
const regular = 'Helvetica';
const bold = 'Helvetica-Bold';

// A4 in points, with about 20 mm either side.
const pageWidth = 595.28;
const pageHeight = 841.89;
const left = 56;
const contentWidth = pageWidth - 2 * left;
const contentTop = 56;
// Room under the content for the footer on every page.
const contentBottom = pageHeight - 72;
const footerTop = pageHeight - 50;

const bodySize = 11;
const boxPadding = 6;
// Two handwritten lines fit in an empty box.
const emptyBoxHeight = 56;
const spaceAfterField = 14;
// Content identical for identical input: the metadata needs some date.
const fixedCreationDate = new Date(Date.UTC(2026, 0, 1));

/**
 * The monitoring form as an A4 PDF a partnership team can file or print: each answer in a
 * bordered box that is never split across pages unless it is longer than a page.
 */
export async function monitoringFormPdf(form: FilledMonitoringForm): Promise<Buffer> {
  const doc: Doc = new PDFDocument({
    size: 'A4',
    margins: { top: contentTop, bottom: pageHeight - contentBottom, left, right: left },
    bufferPages: true,
    autoFirstPage: false,
    lang: 'en-GB',
    displayTitle: true,
    info: {
      Title: `${form.title}: ${form.caseReference}`,
      Author: 'Accord',
      Subject: `${form.partnershipName}, for ${form.monitoringTeamName}`,
      Creator: 'Accord',
      CreationDate: form.createdAt ?? fixedCreationDate,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const flow = new PageFlow(doc, `${form.title}, case reference ${form.caseReference} (continued)`);
  writeHeading(flow, form);
  for (const field of form.fields) writeField(flow, field.label, field.value);
  writeFooters(doc, form.generatedAt);

  doc.end();
  return finished;
}

function writeHeading(flow: PageFlow, form: FilledMonitoringForm): void {
  flow.lines(pdfText(form.partnershipName), { font: bold, size: 12, colour: secondaryColour });
  flow.gap(4);
  flow.lines(pdfText(form.title), { font: bold, size: 20 });
  flow.gap(6);
  flow.rule(2);
  flow.gap(10);
  flow.labelled('Case reference: ', pdfText(form.caseReference));
  flow.gap(2);
  flow.labelled('For: ', pdfText(form.monitoringTeamName));
  flow.gap(12);
  flow.lines(pdfText(form.intro), { font: regular, size: bodySize });
  flow.gap(18);
}

function writeField(flow: PageFlow, label: string, value: string): void {
  const doc = flow.doc;
  const labelLines = flow.wrap(pdfText(label), bold, bodySize, contentWidth);
  const labelHeight = labelLines.length * flow.lineHeight(bold, bodySize) + 4;
  const shown = pdfText(value).trim();
  const valueLines =
    shown === '' ? [] : flow.wrap(shown, regular, bodySize, contentWidth - 2 * boxPadding);
  const valueLineHeight = flow.lineHeight(regular, bodySize);
  const boxHeight = (lines: number) =>
    lines === 0 ? emptyBoxHeight : lines * valueLineHeight + 2 * boxPadding;

  // The label stays with its box, and the box stays whole when a page can hold it.
  flow.ensureRoom(labelHeight + boxHeight(valueLines.length));
  let remaining = valueLines;
  let continued = false;
  do {
    flow.ensureRoom(labelHeight + boxHeight(Math.min(1, remaining.length)));
    const labelText = continued
      ? [...labelLines.slice(0, -1), `${labelLines.at(-1)} (continued)`]
      : labelLines;
    flow.lines(labelText.join('\n'), { font: bold, size: bodySize, wrapped: true });
    flow.gap(4);
    const fitting = Math.max(
      1,
      Math.floor((contentBottom - flow.y - 2 * boxPadding) / valueLineHeight),
    );
    const part = remaining.slice(0, fitting);
    remaining = remaining.slice(part.length);
    const height = boxHeight(part.length);
    doc.lineWidth(1).strokeColor(textColour).rect(left, flow.y, contentWidth, height).stroke();
    doc.font(regular).fontSize(bodySize).fillColor(textColour);
    part.forEach((line, index) => {
      if (line !== '') {
        doc.text(line, left + boxPadding, flow.y + boxPadding + index * valueLineHeight, {
          lineBreak: false,
        });
      }
    });
    flow.y += height;
    continued = true;
  } while (remaining.length > 0);
  flow.gap(spaceAfterField);
}

function writeFooters(doc: Doc, generatedAt: string): void {
  const { start, count } = doc.bufferedPageRange();
  const footer = pdfText(`Generated by Accord at ${generatedAt} — ${marking}`);
  const pageNumberWidth = 70;
  for (let index = start; index < start + count; index++) {
    doc.switchToPage(index);
    doc.font(bold).fontSize(9).fillColor(textColour);
    doc.text(marking, (pageWidth - doc.widthOfString(marking)) / 2, 24, { lineBreak: false });
    doc
      .moveTo(left, footerTop - 8)
      .lineTo(left + contentWidth, footerTop - 8)
      .lineWidth(0.5)
      .strokeColor(secondaryColour)
      .stroke();
    doc.font(regular).fontSize(9).fillColor(textColour);
    const lineHeight = doc.currentLineHeight(true) + 1;
    wrapLines(doc, footer, contentWidth - pageNumberWidth).forEach((line, lineIndex) => {
      doc.text(line, left, footerTop + lineIndex * lineHeight, { lineBreak: false });
    });
    const pageNumber = `Page ${index - start + 1} of ${count}`;
    doc.text(pageNumber, left + contentWidth - doc.widthOfString(pageNumber), footerTop, {
      lineBreak: false,
    });
  }
}

type LineStyle = { font: string; size: number; colour?: string; wrapped?: boolean };

/** Places text top to bottom, starting a new page when the next piece does not fit. */
class PageFlow {
  readonly doc: Doc;
  y = contentTop;
  private readonly continuation: string;
  // Where the first thing on the current page goes: breaking there would gain nothing.
  private pageStart = contentTop;

  constructor(doc: Doc, continuation: string) {
    this.doc = doc;
    this.continuation = continuation;
    doc.addPage();
  }

  lineHeight(font: string, size: number): number {
    return this.doc.font(font).fontSize(size).currentLineHeight(true) + 2;
  }

  wrap(text: string, font: string, size: number, width: number): string[] {
    this.doc.font(font).fontSize(size);
    return wrapLines(this.doc, text, width);
  }

  ensureRoom(height: number): void {
    if (this.y + height <= contentBottom || this.y === this.pageStart) return;
    this.doc.addPage();
    this.y = contentTop;
    this.pageStart = Number.NaN;
    this.lines(pdfText(this.continuation), { font: regular, size: 9, colour: secondaryColour });
    this.gap(12);
    this.pageStart = this.y;
  }

  /** Text wrapped to the content width, broken between lines when a page fills. */
  lines(text: string, style: LineStyle): void {
    const lines = style.wrapped
      ? text.split('\n')
      : this.wrap(text, style.font, style.size, contentWidth);
    const height = this.lineHeight(style.font, style.size);
    for (const line of lines) {
      this.ensureRoom(height);
      this.doc
        .font(style.font)
        .fontSize(style.size)
        .fillColor(style.colour ?? textColour);
      if (line !== '') this.doc.text(line, left, this.y, { lineBreak: false });
      this.y += height;
    }
  }

  /** "Case reference: PL-2026-0007", the label in bold. */
  labelled(label: string, value: string): void {
    const height = this.lineHeight(bold, bodySize);
    const labelWidth = this.doc.font(bold).fontSize(bodySize).widthOfString(label);
    const valueLines = this.wrap(value, regular, bodySize, contentWidth - labelWidth);
    this.ensureRoom(height * valueLines.length);
    this.doc.font(bold).fillColor(textColour).text(label, left, this.y, { lineBreak: false });
    this.doc.font(regular);
    valueLines.forEach((line, index) => {
      this.doc.text(line, left + labelWidth, this.y + index * height, { lineBreak: false });
    });
    this.y += height * valueLines.length;
  }

  rule(thickness: number): void {
    this.doc
      .moveTo(left, this.y)
      .lineTo(left + contentWidth, this.y)
      .lineWidth(thickness)
      .strokeColor(textColour)
      .stroke();
    this.y += thickness;
  }

  gap(points: number): void {
    this.y = Math.min(this.y + points, contentBottom);
  }
}

/** Greedy line filling in the current font; a word wider than the line is cut between letters. */
function wrapLines(doc: Doc, text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(' ').filter((part) => part !== '')) {
      const candidate = line === '' ? word : `${line} ${word}`;
      if (doc.widthOfString(candidate) <= width) {
        line = candidate;
        continue;
      }
      if (line !== '') lines.push(line);
      let rest = word;
      while (doc.widthOfString(rest) > width) {
        const cut = longestFittingPrefix(doc, rest, width);
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

function longestFittingPrefix(doc: Doc, word: string, width: number): number {
  let fits = 1;
  let tooLong = word.length;
  while (tooLong - fits > 1) {
    const middle = Math.floor((fits + tooLong) / 2);
    if (doc.widthOfString(word.slice(0, middle)) <= width) fits = middle;
    else tooLong = middle;
  }
  return fits;
}

// Punctuation beyond Latin-1 that Helvetica's Windows encoding still has.
const winAnsiExtras = new Set('ƒ–—‘’‚“”„†‡•…€‰‹›ˆ™ŒœŠšŸŽž˜');
const nearestLatin: Record<string, string> = {
  Ł: 'L',
  ł: 'l',
  Đ: 'D',
  đ: 'd',
  ı: 'i',
  Ħ: 'H',
  ħ: 'h',
};

/**
 * Text as the built-in Helvetica can show it (Windows-1252): accents it lacks are dropped
 * ("Łukasz Wiśniewski" → "Lukasz Wisniewski"), anything else becomes "?", and line endings,
 * tabs and other control characters become plain newlines and spaces.
 */
function pdfText(text: string): string {
  let shown = '';
  for (const character of text.replace(/\r\n?/g, '\n').normalize('NFC')) {
    shown += showable(character);
  }
  return shown;
}

function showable(character: string): string {
  if (character === '\n') return '\n';
  const code = character.codePointAt(0) ?? 0;
  if (code < 0x20 || (code >= 0x7f && code < 0xa0)) return ' ';
  if (code < 0x100 || winAnsiExtras.has(character)) return character;
  const nearest = nearestLatin[character];
  if (nearest !== undefined) return nearest;
  const withoutMarks = character.normalize('NFD').replace(/\p{M}/gu, '');
  if (
    withoutMarks !== '' &&
    [...withoutMarks].every((part) => (part.codePointAt(0) ?? 0) < 0x100)
  ) {
    return withoutMarks;
  }
  return '?';
}

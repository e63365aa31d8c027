import PDFDocument from 'pdfkit';
import { type FontRun, fontRuns, pdfFonts } from './pdfFonts.ts';

type Doc = PDFKit.PDFDocument;
export type StructureElement = PDFKit.PDFStructureElement;

export const marking = 'OFFICIAL-SENSITIVE';
export const textColour = '#0b0c0c';
export const secondaryColour = '#505a5f';

// A4 in points, with about 20 mm either side.
const pageWidth = 595.28;
const pageHeight = 841.89;
export const left = 56;
export const contentWidth = pageWidth - 2 * left;
const contentTop = 56;
// Room under the content for the footer on every page.
export const contentBottom = pageHeight - 72;
const footerTop = pageHeight - 50;
export const bodySize = 11;

// Content identical for identical input: the metadata needs some date.
const fixedCreationDate = new Date(Date.UTC(2026, 0, 1));

// Noto Sans's 'ccmp' feature draws a letter with a dot below (Vietnamese "ị") as the plain
// letter and a mark, and the PDF's text then reads as the plain letter wherever that letter
// was drawn first: the precomposed glyphs are drawn instead. fontkit takes features as an
// object of switches, which pdfkit passes on; plain ASCII keeps pdfkit's cached shaping.
const withoutDecomposition = {
  features: { ccmp: false } as unknown as PDFKit.Mixins.OpenTypeFeatures[],
};
const shapingOf = (text: string) => (/^[\x20-\x7e]*$/.test(text) ? {} : withoutDecomposition);

export type TextStyle = { bold?: boolean; size: number; colour?: string };

export type PdfSetUp = {
  /** The document's title, shown by a reader in place of the file name. */
  title: string;
  subject: string;
  createdAt?: Date | undefined;
  /** The line at the top of every page after the first. */
  continuation: string;
};

/**
 * A tagged A4 PDF (PDF/UA's structure: a Document of headings, paragraphs and lists, the page
 * furniture marked as artifacts) written top to bottom, a new page started when the next piece
 * does not fit, every piece of text in the fonts of pdfFonts.ts. Both of Accord's PDFs are made
 * with it.
 */
export class TaggedPdf {
  readonly doc: Doc;
  readonly document: StructureElement;
  y = contentTop;
  private readonly continuation: string;
  // Where the first thing on the current page goes: breaking there would gain nothing.
  private pageStart = contentTop;
  private readonly finished: Promise<Buffer>;
  // Each string measured once: wrapping measures every word again and again.
  private readonly widths = new Map<string, number>();
  // Each element's type, which its marked content is tagged with.
  private readonly types = new WeakMap<StructureElement, string>();

  constructor(setUp: PdfSetUp) {
    this.doc = new PDFDocument({
      size: 'A4',
      margins: { top: contentTop, bottom: pageHeight - contentBottom, left, right: left },
      bufferPages: true,
      autoFirstPage: false,
      tagged: true,
      lang: 'en-GB',
      displayTitle: true,
      info: {
        Title: setUp.title,
        Author: 'Accord',
        Subject: setUp.subject,
        Creator: 'Accord',
        CreationDate: setUp.createdAt ?? fixedCreationDate,
      },
    });
    const chunks: Buffer[] = [];
    this.doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    this.finished = new Promise<Buffer>((resolve, reject) => {
      this.doc.on('end', () => resolve(Buffer.concat(chunks)));
      this.doc.on('error', reject);
    });
    // pdfkit takes a font fontkit has read as well as a file (its types say only files): read
    // once, the large Unifont's tables are not parsed again for every PDF.
    for (const [name, { font }] of Object.entries(pdfFonts())) {
      this.doc.registerFont(name, font as unknown as Buffer);
    }
    this.continuation = setUp.continuation;
    this.document = this.doc.struct('Document');
    this.types.set(this.document, 'Document');
    this.doc.addPage();
    this.doc.addStructure(this.document);
  }

  /** A structure element (H1, P, L, LI, LBody…) added to its parent, the Document by default. */
  element(type: string, parent: StructureElement = this.document): StructureElement {
    const element = this.doc.struct(type);
    this.types.set(element, type);
    parent.add(element);
    return element;
  }

  lineHeight(style: TextStyle): number {
    return this.doc.font(fontOf(style)).fontSize(style.size).currentLineHeight(true) + 2;
  }

  /** The width of text as drawText draws it, each run in its own font. */
  width(text: string, style: TextStyle): number {
    const key = `${fontOf(style)} ${style.size} ${text}`;
    let width = this.widths.get(key);
    if (width === undefined) {
      width = fontRuns(text, fontOf(style)).reduce(
        (sum, run) => sum + this.runWidth(run, style.size),
        0,
      );
      this.widths.set(key, width);
    }
    return width;
  }

  /**
   * Greedy line filling, a line's width the sum of its words' and spaces' (kerning across a
   * space is too small to matter); a word wider than the line is cut between letters.
   */
  wrap(text: string, style: TextStyle, width: number): string[] {
    const spaceWidth = this.width(' ', style);
    const lines: string[] = [];
    for (const paragraph of text.split('\n')) {
      let line = '';
      let lineWidth = 0;
      for (const word of paragraph.split(' ').filter((part) => part !== '')) {
        const wordWidth = this.width(word, style);
        const candidateWidth = line === '' ? wordWidth : lineWidth + spaceWidth + wordWidth;
        if (candidateWidth <= width) {
          line = line === '' ? word : `${line} ${word}`;
          lineWidth = candidateWidth;
          continue;
        }
        if (line !== '') lines.push(line);
        let rest = word;
        while (this.width(rest, style) > width) {
          const cut = this.longestFittingPrefix(rest, style, width);
          lines.push(rest.slice(0, cut));
          rest = rest.slice(cut);
        }
        line = rest;
        lineWidth = this.width(rest, style);
      }
      lines.push(line);
    }
    return lines;
  }

  /**
   * One line of text with its top at y, each run in its font on one baseline. Left to right
   * only: pdfkit does not reorder right-to-left text (docs/architecture.md, documents).
   */
  drawText(text: string, x: number, top: number, style: TextStyle): void {
    const size = style.size;
    const main = pdfFonts()[fontOf(style)].font;
    // Where the main font's letters sit, whichever font draws a run.
    const baseline = top + (main.ascent / main.unitsPerEm) * size;
    let at = x;
    for (const run of fontRuns(text, fontOf(style))) {
      this.doc
        .font(run.font)
        .fontSize(size)
        .fillColor(style.colour ?? textColour);
      // A character no font has prints as an empty box, with itself as the text behind it.
      if (run.missing) this.doc.markContent('Span', { actual: run.text });
      this.doc.text(run.text, at, baseline, {
        lineBreak: false,
        baseline: 'alphabetic',
        ...shapingOf(run.text),
      });
      if (run.missing) this.doc.endMarkedContent();
      at += this.runWidth(run, size);
    }
  }

  /** Starts a new page unless the height fits on this one (or this page is still empty). */
  ensureRoom(height: number): void {
    if (this.y + height <= contentBottom || this.y === this.pageStart) return;
    this.doc.addPage();
    this.y = contentTop;
    this.pageStart = Number.NaN;
    const style = { size: 9, colour: secondaryColour };
    this.artifact(() => {
      for (const line of this.wrap(this.continuation, style, contentWidth)) {
        this.drawText(line, left, this.y, style);
        this.y += this.lineHeight(style);
      }
    });
    this.gap(12);
    this.pageStart = this.y;
  }

  /**
   * Text wrapped to the width (or already split into lines), broken between lines when a page
   * fills, each line tagged as content of the element.
   */
  lines(text: string | string[], style: TextStyle, element: StructureElement, indent = 0): void {
    const lines = Array.isArray(text) ? text : this.wrap(text, style, contentWidth - indent);
    const height = this.lineHeight(style);
    for (const line of lines) {
      this.ensureRoom(height);
      if (line !== '')
        this.tagged(element, () => this.drawText(line, left + indent, this.y, style));
      this.y += height;
    }
  }

  /** A paragraph of its own: a P (or the type given) in the parent. */
  paragraph(
    text: string,
    style: TextStyle,
    parent: StructureElement = this.document,
    type = 'P',
  ): void {
    this.lines(text, style, this.element(type, parent));
  }

  /** "Case reference: PL-2026-0007", the label in bold, as one paragraph. */
  labelled(label: string, value: string, parent: StructureElement = this.document): void {
    const element = this.element('P', parent);
    const labelStyle = { bold: true, size: bodySize };
    const valueStyle = { size: bodySize };
    const height = this.lineHeight(labelStyle);
    const labelWidth = this.width(label, labelStyle);
    const valueLines = this.wrap(value, valueStyle, contentWidth - labelWidth);
    this.ensureRoom(height * Math.min(valueLines.length, 3));
    this.tagged(element, () => this.drawText(label, left, this.y, labelStyle));
    valueLines.forEach((line, index) => {
      if (index > 0) this.ensureRoom(height);
      if (line !== '') {
        this.tagged(element, () => this.drawText(line, left + labelWidth, this.y, valueStyle));
      }
      this.y += height;
    });
  }

  /** What is drawn in the function is content of the element, on the current page. */
  tagged(element: StructureElement, draw: () => void): void {
    const content = this.doc.markStructureContent(this.types.get(element) ?? 'Span');
    draw();
    this.doc.endMarkedContent();
    element.add(content);
  }

  /** What is drawn in the function is page furniture (rules, boxes, headers and footers). */
  artifact(draw: () => void, type: 'Layout' | 'Pagination' = 'Layout'): void {
    this.doc.markContent('Artifact', { type });
    draw();
    this.doc.endMarkedContent();
  }

  rule(thickness: number): void {
    this.artifact(() => {
      this.doc
        .moveTo(left, this.y)
        .lineTo(left + contentWidth, this.y)
        .lineWidth(thickness)
        .strokeColor(textColour)
        .stroke();
    });
    this.y += thickness;
  }

  gap(points: number): void {
    this.y = Math.min(this.y + points, contentBottom);
  }

  /** The marking at the top of every page, the footer and page numbers; then the PDF. */
  finish(footer: string): Promise<Buffer> {
    const doc = this.doc;
    const { start, count } = doc.bufferedPageRange();
    const footerStyle = { size: 9 };
    const pageNumberWidth = 70;
    for (let index = start; index < start + count; index++) {
      doc.switchToPage(index);
      this.artifact(() => {
        const markingStyle = { bold: true, size: 9 };
        this.drawText(
          marking,
          (pageWidth - this.width(marking, markingStyle)) / 2,
          20,
          markingStyle,
        );
        doc
          .moveTo(left, footerTop - 8)
          .lineTo(left + contentWidth, footerTop - 8)
          .lineWidth(0.5)
          .strokeColor(secondaryColour)
          .stroke();
        const lineHeight = this.lineHeight(footerStyle) - 1;
        this.wrap(footer, footerStyle, contentWidth - pageNumberWidth).forEach((line, at) => {
          this.drawText(line, left, footerTop + at * lineHeight, footerStyle);
        });
        const pageNumber = `Page ${index - start + 1} of ${count}`;
        const numberWidth = this.width(pageNumber, footerStyle);
        this.drawText(pageNumber, left + contentWidth - numberWidth, footerTop, footerStyle);
      }, 'Pagination');
    }
    this.document.end();
    doc.end();
    return this.finished;
  }

  private runWidth(run: FontRun, size: number): number {
    return this.doc.font(run.font).fontSize(size).widthOfString(run.text, shapingOf(run.text));
  }

  private longestFittingPrefix(word: string, style: TextStyle, width: number): number {
    const characters = [...word];
    let fits = 1;
    let tooLong = characters.length;
    while (tooLong - fits > 1) {
      const middle = Math.floor((fits + tooLong) / 2);
      if (this.width(characters.slice(0, middle).join(''), style) <= width) fits = middle;
      else tooLong = middle;
    }
    // In UTF-16 units, for slicing the string.
    return characters.slice(0, fits).join('').length;
  }
}

const fontOf = (style: TextStyle): 'regular' | 'bold' => (style.bold ? 'bold' : 'regular');

/** Text as a PDF line can show it: line endings as newlines, other control characters as spaces. */
export function pdfText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .normalize('NFC')
    .replace(/\p{Cc}/gu, (character) => (character === '\n' ? '\n' : ' '));
}

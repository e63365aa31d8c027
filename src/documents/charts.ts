import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';

/**
 * The dashboard's charts, drawn on the server as SVG (Observable Plot on linkedom's DOM), so
 * they need no JavaScript in the browser. Each is a picture with a title and a description for
 * screen readers; its table beside it holds every figure. Only presentation attributes are
 * used (no style attributes or <style>), so the page's Content-Security-Policy holds.
 */

const colours = {
  blue: '#1d70b8',
  red: '#ca3535',
  lightGrey: '#f3f2f1',
  darkBlue: '#0f385c',
  text: '#0b0c0c',
  grid: '#b1b4b6',
};
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';
const SVG = 'http://www.w3.org/2000/svg';

export type ChartText = {
  /** Unique on the page: the title's and description's ids start with it. */
  id: string;
  title: string;
  /** What the chart shows, in a sentence, for someone who cannot see it. */
  description: string;
};

function render(options: Plot.PlotOptions, text: ChartText): string {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const svg = Plot.plot({
    ...options,
    document: document as unknown as Document,
  }) as unknown as SVGSVGElement;
  svg.querySelector('style')?.remove();
  svg.removeAttribute('class');
  svg.removeAttribute('aria-description');
  // The picture is one image, named by its title: its parts are not announced one by one.
  for (const part of svg.querySelectorAll('[aria-label], [aria-description]')) {
    part.removeAttribute('aria-label');
    part.removeAttribute('aria-description');
  }
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-labelledby', `${text.id}-title ${text.id}-description`);
  svg.setAttribute('font-family', FONT);
  svg.setAttribute('font-size', '14');
  svg.setAttribute('fill', colours.text);
  const title = document.createElementNS(SVG, 'title');
  title.setAttribute('id', `${text.id}-title`);
  title.textContent = text.title;
  const description = document.createElementNS(SVG, 'desc');
  description.setAttribute('id', `${text.id}-description`);
  description.textContent = text.description;
  svg.prepend(title, description);
  return svg.outerHTML;
}

// Plot does not measure text: leave room for the longest label, up to a point.
const LONGEST_LABEL = 40;
const shortened = (label: string) =>
  label.length > LONGEST_LABEL ? `${label.slice(0, LONGEST_LABEL - 1)}…` : label;
const marginFor = (labels: readonly string[]) =>
  Math.min(330, 12 + 7.4 * Math.max(4, ...labels.map((label) => shortened(label).length)));

export type Bar = { label: string; value: number };

/** Upright columns in order along the bottom: counts over time (raised per month). */
export function columnChart(text: ChartText, bars: readonly Bar[], valueLabel: string): string {
  const data = bars.map((bar, index) => ({ ...bar, index }));
  return render(
    {
      width: 720,
      height: 300,
      marginLeft: 48,
      marginBottom: 40,
      x: {
        domain: data.map((bar) => bar.index),
        tickFormat: (index: number) => data[index]?.label ?? '',
        label: null,
      },
      y: {
        grid: true,
        label: valueLabel,
        tickFormat: (n: number) => (Number.isInteger(n) ? String(n) : ''),
      },
      marks: [
        Plot.barY(data, { x: 'index', y: 'value', fill: colours.blue }),
        Plot.ruleY([0], { stroke: colours.text }),
      ],
    },
    text,
  );
}

/** Bars across, one a row, in the order given: counts by category, agency, stage or theme. */
export function barChart(
  text: ChartText,
  bars: readonly Bar[],
  valueLabel: string,
  options: { percent?: boolean } = {},
): string {
  const labels = bars.map((bar) => shortened(bar.label));
  const data = bars.map((bar, index) => ({ label: labels[index] as string, value: bar.value }));
  return render(
    {
      width: 720,
      height: 46 + 26 * Math.max(1, data.length),
      marginLeft: marginFor(labels),
      marginRight: 40,
      y: { domain: labels, label: null },
      x: {
        grid: true,
        label: valueLabel,
        labelAnchor: 'center',
        labelArrow: 'none',
        ...(options.percent ? { domain: [0, 100] } : {}),
        tickFormat: (n: number) => (Number.isInteger(n) ? `${n}${options.percent ? '%' : ''}` : ''),
      },
      marks: [
        Plot.barX(data, { y: 'label', x: 'value', fill: colours.blue }),
        Plot.text(data, {
          y: 'label',
          x: 'value',
          text: (bar: { value: number }) => `${bar.value}${options.percent ? '%' : ''}`,
          dx: 4,
          textAnchor: 'start',
          fill: colours.text,
        }),
        Plot.ruleX([0], { stroke: colours.text }),
      ],
    },
    text,
  );
}

/** Open cases by stage, the overdue ones of each drawn over them in red. */
export function openByStageChart(
  text: ChartText,
  stages: readonly { label: string; open: number; overdue: number }[],
): string {
  const labels = stages.map((stage) => shortened(stage.label));
  const data = stages.map((stage, index) => ({ ...stage, label: labels[index] as string }));
  return render(
    {
      width: 720,
      height: 46 + 30 * Math.max(1, data.length),
      marginLeft: marginFor(labels),
      marginRight: 40,
      y: { domain: labels, label: null },
      x: {
        grid: true,
        label: 'Open disagreements',
        tickFormat: (n: number) => (Number.isInteger(n) ? String(n) : ''),
      },
      marks: [
        Plot.barX(data, { y: 'label', x: 'open', fill: colours.blue }),
        Plot.barX(data, {
          y: 'label',
          x: 'overdue',
          fill: colours.red,
          insetTop: 6,
          insetBottom: 6,
        }),
        Plot.ruleX([0], { stroke: colours.text }),
      ],
    },
    text,
  );
}

/** Who disagrees with whom: raising agencies down the side, the agencies they raised with across. */
export function heatMap(
  text: ChartText,
  rows: readonly string[],
  columns: readonly string[],
  cells: readonly { row: string; column: string; value: number }[],
): string {
  const most = Math.max(1, ...cells.map((cell) => cell.value));
  const rowLabels = rows.map(shortened);
  const columnLabels = columns.map(shortened);
  const data = cells.map((cell) => ({
    row: shortened(cell.row),
    column: shortened(cell.column),
    value: cell.value,
  }));
  // Column labels lean up and to the right, so the grid leaves room above and to its right.
  return render(
    {
      width: Math.max(480, marginFor(rowLabels) + 64 * columns.length + 200),
      height: 250 + 36 * Math.max(1, rows.length),
      marginLeft: marginFor(rowLabels),
      marginTop: 240,
      marginRight: 200,
      padding: 0.05,
      x: { domain: columnLabels, axis: 'top', label: null, tickRotate: -40 },
      y: { domain: rowLabels, label: null },
      color: { type: 'linear', domain: [0, most], range: [colours.lightGrey, colours.darkBlue] },
      marks: [
        Plot.cell(data, { x: 'column', y: 'row', fill: 'value' }),
        Plot.text(data, {
          x: 'column',
          y: 'row',
          text: 'value',
          fill: (cell: { value: number }) => (cell.value > most / 2 ? '#ffffff' : colours.text),
        }),
      ],
    },
    text,
  );
}

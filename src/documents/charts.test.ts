import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as cheerio from 'cheerio';
import { barChart, columnChart, heatMap, openByStageChart } from './charts.ts';

const text = (id: string) => ({ id, title: `Title ${id}`, description: `What ${id} shows` });

describe('the dashboard’s charts', () => {
  const charts = {
    column: columnChart(
      text('column'),
      [
        { label: 'Nov', value: 3 },
        { label: 'Dec', value: 0 },
      ],
      'Raised',
    ),
    bar: barChart(
      text('bar'),
      [
        {
          label: 'Lancashire County Council Children’s Social Care and a very long name indeed',
          value: 5,
        },
        { label: 'Police & <Partners>', value: 0 },
      ],
      'Raised',
    ),
    stages: openByStageChart(text('stages'), [{ label: 'Stage 1', open: 4, overdue: 1 }]),
    heat: heatMap(
      text('heat'),
      ['School'],
      ['Police', 'Social care'],
      [{ row: 'School', column: 'Police', value: 2 }],
    ),
  };

  test('each is an image named by its title and description, for screen readers', () => {
    for (const [id, svg] of Object.entries(charts)) {
      const $ = cheerio.load(svg, { xml: true });
      const root = $('svg').first();
      assert.equal(root.attr('role'), 'img', id);
      assert.equal(
        root.attr('aria-labelledby'),
        `${id === 'column' ? 'column' : id}-title ${id}-description`,
      );
      assert.equal($(`#${id}-title`).text(), `Title ${id}`);
      assert.equal($(`#${id}-description`).text(), `What ${id} shows`);
    }
  });

  test('its parts carry no ARIA names of their own: the picture is one image', () => {
    for (const [id, svg] of Object.entries(charts)) {
      const $ = cheerio.load(svg, { xml: true });
      assert.equal($('svg [aria-label], svg [aria-description]').length, 0, id);
    }
  });

  test('nothing a strict Content-Security-Policy would block: no style attributes, no style element, no script', () => {
    for (const [id, svg] of Object.entries(charts)) {
      assert.ok(!/\sstyle=|<style|<script/i.test(svg), id);
    }
  });

  test('labels are escaped and long ones shortened; the same figures draw the same picture', () => {
    assert.match(charts.bar, /Police &amp; &lt;Partners&gt;/);
    assert.match(charts.bar, /a very…|…</);
    assert.equal(
      charts.column,
      columnChart(
        text('column'),
        [
          { label: 'Nov', value: 3 },
          { label: 'Dec', value: 0 },
        ],
        'Raised',
      ),
    );
  });
});

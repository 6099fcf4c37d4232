/**
 * The report as a reader's browser sees it: a five-target run with two
 * trials, resources, fault windows and a ramping executor, rendered to a
 * file and opened from disk in headless Chromium. No console errors, no
 * request but the file itself, every chart drawn, fault windows shaded —
 * and the charts answer: the crosshair reads the value of every series at a
 * second (checked against the results), a drag zooms every chart of the
 * profile, a double-click resets, a legend click hides a target's line.
 * Leaves a screenshot in test-output/report.png.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { targetVerdicts } from '../../harness/gate/index.ts';
import { writeReports } from '../../harness/run/index.ts';
import type { RunResults } from '../../model/index.ts';
import { REPO } from '../helpers/cli.ts';
import { buildSyntheticRun } from '../helpers/synthetic-run.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The part of a canvas element the checks read (the test compiles without the DOM library). */
interface Canvas {
  width: number;
  height: number;
  getContext(kind: '2d'): {
    getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
  };
}

/** Okabe–Ito colours of the first two targets (reports/charts/palette.ts). */
const MONOLITH = [0x00, 0x72, 0xb2] as const;
const CACHED = [0xd5, 0x5e, 0x00] as const;

describe.skipIf(!existsSync(CHROMIUM))('report.html in headless Chromium', () => {
  let dir = '';
  let browser: Browser;
  let page: Page;
  let url = '';
  let results: RunResults;
  const problems: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'harness-report-browser-'));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    // distinct throughput per target, so each line shows on the chart
    results = buildSyntheticRun({
      trials: 2,
      seconds: 20,
      rate: 60,
      rateFactor: { cached: 1.6, replicated: 1.3, sharded: 0.75, queued: 0.5 },
    });
    const [path] = await writeReports(dir, results, ['html'], { verdicts: targetVerdicts(results) });
    url = pathToFileURL(path!).href;
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(url, { waitUntil: 'load' });
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** The chart figure with this caption. */
  const figure = (caption: string): Locator =>
    page.locator('figure.chart-box', { has: page.locator('figcaption', { hasText: caption }) }).first();
  const over = (f: Locator) => f.locator('.u-over');
  /** Legend rows: [label, value] (the first row is the time). */
  const legend = (f: Locator) =>
    f
      .locator('.u-legend .u-series')
      .evaluateAll((rows) =>
        rows
          .filter((r) => (r as unknown as { offsetParent: unknown }).offsetParent !== null)
          .map((r) => [
            r.querySelector('.u-label')?.textContent ?? '',
            r.querySelector('.u-value')?.textContent ?? '',
          ]),
      );
  /** Pixels of the chart's canvas within a small distance of an RGB colour. */
  const pixels = (f: Locator, rgb: readonly number[]) =>
    f.locator('canvas').evaluate((c, [r, g, b]) => {
      const canvas = c as unknown as Canvas;
      const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let n = 0;
      for (let i = 0; i < data.length; i += 4)
        if (
          Math.abs(data[i]! - r!) + Math.abs(data[i + 1]! - g!) + Math.abs(data[i + 2]! - b!) < 40 &&
          data[i + 3]! > 200
        )
          n++;
      return n;
    }, rgb);

  it('loads offline without errors and draws every chart, fault window and stage marker', async () => {
    expect(problems).toEqual([]);
    expect(requests).toEqual([url]);
    await expect.poll(() => page.locator('html').getAttribute('class')).toMatch(/\bcharts-ready\b/);

    const captions = await page.locator('figure.chart-box figcaption').allTextContents();
    for (const t of ['Throughput', 'Latency p95', 'Error rate', 'Virtual users', 'Latency distribution'])
      expect(
        captions.some((x) => x.startsWith(t)),
        t,
      ).toBe(true);
    expect(captions.filter((t) => t.startsWith('Latency bands — ')).length).toBe(5);
    expect(captions.filter((t) => t.startsWith('CPU — ')).length).toBeGreaterThanOrEqual(5);
    expect(captions.filter((t) => t.startsWith('Memory (RSS) — ')).length).toBeGreaterThanOrEqual(5);

    // every interactive chart is a drawn canvas of the width it was given
    const charts = await page.$$eval('.uchart', (els) =>
      els.map((el) => {
        const canvas = el.querySelector('canvas') as unknown as Canvas | null;
        const data = canvas?.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        let inked = 0;
        if (data) for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) inked++;
        return {
          title: el.getAttribute('aria-label'),
          width: el.querySelector('canvas')?.getBoundingClientRect().width ?? 0,
          inked,
        };
      }),
    );
    expect(charts.length).toBeGreaterThanOrEqual(4 + 5 + 10);
    for (const c of charts) {
      expect(c.width, c.title!).toBeGreaterThan(300);
      expect(c.inked, c.title!).toBeGreaterThan(500);
    }
    // one line per target on the throughput chart
    for (const rgb of [MONOLITH, CACHED]) expect(await pixels(figure('Throughput'), rgb)).toBeGreaterThan(50);
    // the distribution stays SVG
    const svg = await page.$$eval('svg.chart path', (paths) => paths.length);
    expect(svg).toBeGreaterThan(0);

    const bands = await page.$$eval('.uchart .band', (els) =>
      els.map((el) => {
        const style = el.ownerDocument.defaultView!.getComputedStyle(el);
        return {
          width: el.getBoundingClientRect().width,
          background: style.backgroundColor,
          shown: style.display,
        };
      }),
    );
    expect(bands.length).toBeGreaterThanOrEqual(4 * 2);
    for (const b of bands) {
      expect(b.shown).not.toBe('none');
      expect(b.width).toBeGreaterThan(5);
      expect(b.background).toMatch(/^rgba\(\d+, \d+, \d+, 0\.\d+\)$/);
    }
    expect(await page.locator('.uchart .stage').count()).toBeGreaterThan(0);
    expect(await page.locator('table.spread tbody tr').count()).toBe(5);
    const overflow = await page.$eval(
      'table.comparison',
      (t) => t.scrollWidth - t.parentElement!.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    // the verdict comes first
    expect(await page.locator('main section').first().getAttribute('id')).toBe('verdict');

    mkdirSync(join(REPO, 'test-output'), { recursive: true });
    await page.screenshot({ path: join(REPO, 'test-output', 'report.png'), fullPage: true });
  });

  it('the crosshair reads every series at one second, and the values are the run`s', async () => {
    const chart = figure('Throughput');
    await chart.scrollIntoViewIfNeeded();
    const box = (await over(chart).boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.42, box.y + box.height / 2);
    await expect.poll(async () => (await legend(chart))[0]![1]).not.toBe('–');
    const rows = await legend(chart);
    const [, time] = rows[0]!;
    const second = Number(/^([\d.]+) s$/.exec(time!)![1]);
    expect(Number.isInteger(second)).toBe(true);
    // every target's median line has a value at that second, equal to the median of its trials' counts
    expect(rows.slice(1).map(([label]) => label)).toEqual([
      'monolith (median of 2)',
      'cached (median of 2)',
      'replicated (median of 2)',
      'sharded (median of 2)',
      'queued (median of 2)',
    ]);
    for (const [label, value] of rows.slice(1)) {
      const target = label!.replace(/ \(median of 2\)$/, '');
      const counts = results.cells
        .filter((c) => c.target === target && c.profile === 'load')
        .map((c) => Object.values(c.intervals[second]!.byRequest).reduce((n, r) => n + r.count, 0));
      const expected = (counts[0]! + counts[1]!) / 2;
      const shown = Number(/^([\d.]+) req\/s$/.exec(value!)![1]);
      expect(Math.abs(shown - expected), `${label} at ${second} s: ${value}`).toBeLessThanOrEqual(
        Math.max(0.5, expected * 0.005),
      );
    }
    // the other charts of the profile follow the crosshair to the same second
    await expect.poll(async () => (await legend(figure('Error rate')))[0]![1]).toBe(time);
  });

  it('a drag zooms every chart of the profile, a double-click resets them', async () => {
    const chart = figure('Throughput');
    await chart.scrollIntoViewIfNeeded();
    const box = (await over(chart).boundingBox())!;
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + box.width * 0.25, y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.55, y, { steps: 8 });
    await page.mouse.up();

    const state = chart.locator('.chart-state');
    await expect
      .poll(() => state.textContent())
      .toMatch(/^zoomed to [\d.]+ s – [\d.]+ s · double-click to reset$/);
    const [from, to] = [...(await state.textContent())!.matchAll(/([\d.]+) s/g)].map((m) => Number(m[1]));
    // 20 s of data: the drag covered roughly 25 % to 55 % of it
    expect(from!).toBeGreaterThan(3);
    expect(from!).toBeLessThan(7);
    expect(to!).toBeGreaterThan(9);
    expect(to!).toBeLessThan(13);
    expect(await page.locator('.chart-state.zoomed').count()).toBe(
      await page.locator('.chart-state').count(),
    );

    // the crosshair at the left edge now reads the zoom's first seconds
    await page.mouse.move(box.x + 2, y);
    await expect
      .poll(async () => Number(/^([\d.]+) s$/.exec((await legend(chart))[0]![1]!)?.[1]))
      .toBeLessThanOrEqual(Math.ceil(from!));

    await page.mouse.dblclick(box.x + box.width / 2, y);
    await expect.poll(() => state.textContent()).toMatch(/^drag across to zoom/);
    expect(await page.locator('.chart-state.zoomed').count()).toBe(0);
  });

  it('a click on a legend entry hides a target`s line (its trials too), a second click shows it', async () => {
    const chart = figure('Throughput');
    await chart.scrollIntoViewIfNeeded();
    const before = await pixels(chart, CACHED);
    expect(before).toBeGreaterThan(50);
    const entry = chart.locator('.u-legend .u-series', { hasText: 'cached (median of 2)' });
    await entry.locator('.u-label').click();
    await expect.poll(() => entry.getAttribute('class')).toMatch(/\bu-off\b/);
    await expect.poll(() => pixels(chart, CACHED)).toBeLessThan(before / 10);
    // its trials' faint lines (out of the legend) went with it
    const trials = () =>
      chart
        .locator('.u-legend .u-series')
        .evaluateAll((rows) =>
          rows
            .filter((r) => /^cached #\d$/.test(r.querySelector('.u-label')?.textContent ?? ''))
            .map((r) => r.classList.contains('u-off')),
        );
    expect(await trials()).toEqual([true, true]);
    // the other targets stay
    expect(await pixels(chart, MONOLITH)).toBeGreaterThan(50);
    await entry.locator('.u-label').click();
    await expect.poll(() => pixels(chart, CACHED)).toBeGreaterThan(before / 2);
    expect(await trials()).toEqual([false, false]);
  });
});

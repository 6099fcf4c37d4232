/**
 * The report as a reader's browser sees it: a five-target run with two
 * trials, resources, fault windows and a ramping executor, rendered to a
 * file and opened from disk in headless Chromium. No console errors, no
 * request but the file itself, every chart drawn, fault windows shaded.
 * Leaves a screenshot in test-output/report.png.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { writeReports } from '../../harness/run/index.ts';
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

describe.skipIf(!existsSync(CHROMIUM))('report.html in headless Chromium', () => {
  it('loads offline without errors and draws every chart, fault window and stage marker', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'harness-report-browser-'));
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    try {
      const results = buildSyntheticRun({ trials: 2, seconds: 20, rate: 60 });
      expect(new Set(results.cells.map((c) => c.target)).size).toBe(5);
      const [path] = await writeReports(dir, results, ['html']);
      const url = pathToFileURL(path!).href;
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      const problems: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
      });
      page.on('pageerror', (e) => problems.push(e.message));
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(url, { waitUntil: 'load' });
      expect(problems).toEqual([]);
      expect(requests).toEqual([url]);

      const charts = await page.$$eval('svg.chart', (svgs) =>
        svgs.map((svg) => ({
          title: svg.querySelector('title')?.textContent ?? '',
          width: svg.getBoundingClientRect().width,
          // points per drawn line: M/L commands in its path data
          points: [...svg.querySelectorAll('path')].map(
            (p) => (p.getAttribute('d')?.match(/[ML]/g) ?? []).length,
          ),
        })),
      );
      const titles = charts.map((c) => c.title);
      for (const t of ['Throughput', 'Latency p95', 'Error rate', 'Virtual users', 'Latency by percentile'])
        expect(
          titles.some((x) => x.startsWith(t)),
          t,
        ).toBe(true);
      expect(titles.filter((t) => t.startsWith('CPU — ')).length).toBeGreaterThanOrEqual(5);
      expect(titles.filter((t) => t.startsWith('Memory (RSS) — ')).length).toBeGreaterThanOrEqual(5);
      for (const c of charts) {
        expect(c.width, c.title).toBeGreaterThan(300);
        expect(c.points.length, c.title).toBeGreaterThan(0);
        expect(Math.min(...c.points), c.title).toBeGreaterThanOrEqual(2);
      }

      const bands = await page.$$eval('svg.chart .band rect', (rects) =>
        rects.map((r) => {
          const style = r.ownerDocument.defaultView!.getComputedStyle(r);
          return {
            width: r.getBoundingClientRect().width,
            opacity: Number(style.fillOpacity),
            fill: style.fill,
          };
        }),
      );
      expect(bands.length).toBeGreaterThanOrEqual(4 * 2);
      for (const b of bands) {
        expect(b.width).toBeGreaterThan(5);
        expect(b.opacity).toBeGreaterThan(0);
        expect(b.fill).not.toBe('none');
      }
      expect(await page.locator('svg.chart .stage line').count()).toBeGreaterThan(0);
      expect(await page.locator('table.spread tbody tr').count()).toBe(5);
      const overflow = await page.$eval(
        'table.comparison',
        (t) => t.scrollWidth - t.parentElement!.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);

      mkdirSync(join(REPO, 'test-output'), { recursive: true });
      await page.screenshot({ path: join(REPO, 'test-output', 'report.png'), fullPage: true });
    } finally {
      await browser.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

/**
 * Opens the report in headless Chromium (when installed) and checks what a
 * reader's browser sees: no console errors, no request but the file itself,
 * and charts that are actually laid out.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { buildSampleResults } from './fixtures/sample-results.ts';
import { writeReports } from './write-reports.ts';

const CHROMIUM = '/usr/bin/chromium';

describe.skipIf(!existsSync(CHROMIUM))('report in a browser', () => {
  it('loads with no console errors, no requests beyond the file, and visible charts', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'harness-report-browser-'));
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu'],
    });
    try {
      const [path] = await writeReports(dir, buildSampleResults());
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
      const sizes = await page.$$eval('svg.chart', (els) => els.map((e) => e.getBoundingClientRect().width));
      expect(sizes).toHaveLength(4);
      for (const w of sizes) expect(w).toBeGreaterThan(300);
      const overflow = await page.$eval(
        'table.comparison',
        (t) => t.scrollWidth - t.parentElement!.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
    } finally {
      await browser.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

/**
 * uPlot (npm `uplot`, MIT) and the report's chart script, read at render
 * time so report.html inlines them and stays one offline file. uPlot comes
 * from node_modules — never a copy in this repository — with its licence
 * text in the comment that heads it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface ChartAssets {
  /** uPlot's IIFE build (defines `uPlot`), licence first. */
  uplotJs: string;
  uplotCss: string;
  /** reports/templates/report-charts.js */
  chartsJs: string;
  uplotVersion: string;
}

let cached: ChartAssets | undefined;

export function chartAssets(): ChartAssets {
  if (cached) return cached;
  const dir = dirname(createRequire(import.meta.url).resolve('uplot/package.json'));
  const read = (file: string) => readFileSync(join(dir, file), 'utf8');
  const { version } = JSON.parse(read('package.json')) as { version: string };
  const licence = read('LICENSE').trim();
  // The build's own header is a bare URL; the licence it ships with says more.
  const js = read('dist/uPlot.iife.min.js').replace(/^\/\*![^*]*\*\/\s*/, '');
  const chartsJs = readFileSync(new URL('../templates/report-charts.js', import.meta.url), 'utf8');
  for (const [name, text] of [
    ['uPlot', js],
    ['report-charts.js', chartsJs],
  ] as const)
    if (/<\/script/i.test(text)) throw new Error(`${name} contains "</script": it cannot be inlined`);
  cached = {
    uplotJs: `/*! uPlot ${version} (github.com/leeoniya/uPlot), inlined from node_modules/uplot.\n${licence.replace(/\*\//g, '* /')}\n*/\n${js}`,
    uplotCss: read('dist/uPlot.min.css'),
    chartsJs,
    uplotVersion: version,
  };
  return cached;
}

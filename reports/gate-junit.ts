/**
 * The gate as JUnit XML (Jenkins / GitHub test reporters' schema): one
 * <testsuite> per target × profile, one <testcase> per threshold (per trial)
 * and per regression limit; a failure carries the message and actual vs
 * expected. Checks of the run itself (did it complete) form a `run` suite.
 */
import type { GateCheck, GateOutcome } from '../model/index.ts';
import { xmlText } from './xml-text.ts';

export function renderJUnit(outcome: GateOutcome): string {
  const suites: { name: string; pkg: string; checks: GateCheck[] }[] = [];
  if (outcome.runChecks.length > 0) suites.push({ name: 'run', pkg: 'run', checks: outcome.runChecks });
  for (const s of outcome.suites)
    suites.push({ name: `${s.target} / ${s.profile}`, pkg: `${s.target}.${s.profile}`, checks: s.checks });
  const total = suites.reduce((n, s) => n + s.checks.length, 0);
  const failures = suites.reduce((n, s) => n + s.checks.filter((c) => !c.ok).length, 0);
  const time = seconds(outcome);
  const timestamp = new Date(outcome.startedAt).toISOString().replace(/\.\d+Z$/, '');
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xmlText(`harness ${outcome.scenario}`)}" tests="${total}" failures="${failures}" errors="0" time="${time}">`,
  ];
  suites.forEach((suite, id) => {
    const failed = suite.checks.filter((c) => !c.ok).length;
    out.push(
      `  <testsuite name="${xmlText(suite.name)}" id="${id}" package="${xmlText(`harness.${outcome.scenario}`)}" tests="${suite.checks.length}" failures="${failed}" errors="0" skipped="0" time="0" timestamp="${timestamp}" hostname="${xmlText(outcome.hostname || 'localhost')}">`,
      '    <properties>',
      `      <property name="runId" value="${xmlText(outcome.runId)}"/>`,
      `      <property name="status" value="${xmlText(outcome.status)}"/>`,
      ...(outcome.comparison
        ? [`      <property name="baselineRunId" value="${xmlText(outcome.comparison.baseline.runId)}"/>`]
        : []),
      '    </properties>',
    );
    for (const c of suite.checks) {
      const open = `    <testcase name="${xmlText(`${c.kind}: ${c.name}`)}" classname="${xmlText(`harness.${outcome.scenario}.${suite.pkg}`)}" time="0"`;
      const detail = `actual: ${c.actual}\nexpected: ${c.expected}\n${c.message}`;
      if (c.ok && !c.warning) {
        out.push(`${open}/>`);
        continue;
      }
      out.push(`${open}>`);
      if (!c.ok)
        out.push(
          `      <failure message="${xmlText(c.message)}" type="${c.kind}">${xmlText(detail).replace(/&#10;/g, '\n')}</failure>`,
        );
      else
        out.push(
          `      <system-out>${xmlText(`warning: ${c.warning}\n${detail}`).replace(/&#10;/g, '\n')}</system-out>`,
        );
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  });
  out.push('</testsuites>', '');
  return out.join('\n');
}

function seconds(o: GateOutcome): string {
  return o.endedAt === undefined ? '0' : ((o.endedAt - o.startedAt) / 1000).toFixed(3);
}

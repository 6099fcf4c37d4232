import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type OpenApiSchema, openApiProblems } from './openapi-check.test-kit.ts';
import { scriptConfigMap, testRun, testRunName, testRunNameProblem } from './testrun.ts';
import { TESTRUN_SCHEMA } from './testrun-schema.test-kit.ts';

const base = {
  name: 'harness-quickstart',
  parallelism: 4,
  scriptFile: 'quickstart.js',
  baseUrl: 'http://api:8080',
};

/** k6-operator's CRD, when a copy is at hand: K6_OPERATOR_CRD, or a k6-operator repository fetched into /work/.mirror. */
function crdSchema(): { schema: OpenApiSchema; from: string } | undefined {
  let text: string | undefined;
  let from = '';
  const file = process.env.K6_OPERATOR_CRD;
  if (file && existsSync(file)) {
    text = readFileSync(file, 'utf8');
    from = file;
  } else {
    const repo = '/work/.mirror/grafana+k6-operator/repo';
    if (existsSync(repo))
      try {
        text = execFileSync('git', ['-C', repo, 'show', 'HEAD:config/crd/bases/k6.io_testruns.yaml'], {
          encoding: 'utf8',
          maxBuffer: 1 << 24,
        });
        from = `${repo} (HEAD:config/crd/bases/k6.io_testruns.yaml)`;
      } catch {
        text = undefined;
      }
  }
  if (text === undefined) return undefined;
  const crd = parse(text) as {
    spec: { versions: { name: string; schema: { openAPIV3Schema: OpenApiSchema } }[] };
  };
  const v1 = crd.spec.versions.find((v) => v.name === 'v1alpha1')!;
  return { schema: v1.schema.openAPIV3Schema, from };
}

describe('k6-operator TestRun', () => {
  const plain = testRun(base);
  const withClaim = testRun({
    ...base,
    resultsClaim: 'k6-results',
    separate: true,
    image: 'grafana/k6:0.48.0',
    namespace: 'load',
  });

  it('runs the ConfigMap script on N runners, each writing k6 JSON output (its log, or its own dir on a claim)', () => {
    expect(plain).toMatchObject({
      apiVersion: 'k6.io/v1alpha1',
      kind: 'TestRun',
      metadata: { name: 'harness-quickstart' },
      spec: {
        parallelism: 4,
        script: { configMap: { name: 'harness-quickstart-script', file: 'quickstart.js' } },
        arguments: '--out json=- --no-summary --tag testid=harness-quickstart',
        runner: { env: [{ name: 'BASE_URL', value: 'http://api:8080' }] },
      },
    });
    expect(withClaim).toMatchObject({
      metadata: { namespace: 'load' },
      spec: {
        separate: true,
        arguments: expect.stringContaining('--out json=/results/k6.json.gz'),
        runner: {
          image: 'grafana/k6:0.48.0',
          volumes: [{ name: 'results', persistentVolumeClaim: { claimName: 'k6-results' } }],
          volumeMounts: [{ name: 'results', mountPath: '/results', subPathExpr: '$(POD_NAME)' }],
        },
      },
    });
    expect(scriptConfigMap(base, 'export default function () {}')).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'harness-quickstart-script', labels: { 'app.kubernetes.io/managed-by': 'harness' } },
      data: { 'quickstart.js': 'export default function () {}' },
    });
  });

  it('validates against the TestRun schema (the CRD fields harness writes, re-typed)', () => {
    expect(openApiProblems(plain, TESTRUN_SCHEMA)).toEqual([]);
    expect(openApiProblems(withClaim, TESTRUN_SCHEMA)).toEqual([]);
    // The checker catches what the API server would refuse.
    const broken = structuredClone(withClaim) as { spec: Record<string, unknown> };
    broken.spec.parallelism = '4';
    delete broken.spec.script;
    (broken.spec as { runner: { volumeMounts: object[] } }).runner.volumeMounts.push({
      name: 'x',
      subpath: 'y',
    });
    expect(openApiProblems(broken, TESTRUN_SCHEMA)).toEqual([
      'spec: missing required script',
      'spec.parallelism: expected an integer, got "4"',
      'spec.runner.volumeMounts[1]: missing required mountPath',
      'spec.runner.volumeMounts[1].subpath: unknown field',
    ]);
  });

  const crd = crdSchema();
  if (!crd)
    console.warn(
      'SKIPPED the full-CRD check: no k6-operator CRD at hand (set K6_OPERATOR_CRD=<k6.io_testruns.yaml>)',
    );
  it.skipIf(!crd)('validates against the CRD itself, where a copy is at hand', () => {
    console.info(`checked against ${crd!.from}`);
    expect(openApiProblems(plain, crd!.schema)).toEqual([]);
    expect(openApiProblems(withClaim, crd!.schema)).toEqual([]);
    const broken = structuredClone(plain) as { spec: Record<string, unknown> };
    broken.spec.parallelism = 'four';
    broken.spec.paralelism = 4;
    expect(openApiProblems(broken, crd!.schema)).toEqual([
      'spec.parallelism: expected an integer, got "four"',
      'spec.paralelism: unknown field',
    ]);
  });

  it('names: a DNS label k6-operator can name its jobs after', () => {
    expect(testRunName('harness-Read.Your_Writes')).toBe('harness-read-your-writes');
    expect(testRunName('9lives')).toBe('h-9lives');
    expect(testRunName(`harness-${'x'.repeat(60)}`).length).toBeLessThanOrEqual(40);
    expect(testRunNameProblem('ok-name')).toBeUndefined();
    expect(testRunNameProblem('Bad_Name')).toMatch(/DNS label/);
  });
});

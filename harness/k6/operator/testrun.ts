/**
 * k6-operator's objects for a harness scenario, as pure data: a ConfigMap
 * holding the bundled k6 script, and a TestRun (`k6.io/v1alpha1`) that runs
 * it on `parallelism` runners — k6-operator hands each runner its execution
 * segment, so together they drive the load of one k6 (and tags each runner's
 * samples `instance_id`). Each runner writes k6's JSON output (`--out json`),
 * to its log, or with a results claim to its own directory on that volume
 * (`subPathExpr: $(POD_NAME)`); `harness import k6` merges them into one run.
 */

export interface TestRunOptions {
  /** The TestRun's name (a DNS label); the ConfigMap is `<name>-script`. */
  name: string;
  namespace?: string;
  parallelism: number;
  /** The script's file name inside the ConfigMap, e.g. `quickstart.js`. */
  scriptFile: string;
  /** What BASE_URL the runners send to, e.g. `http://api.default.svc:8080`. */
  baseUrl: string;
  /** A PersistentVolumeClaim (ReadWriteMany) the runners write their JSON output to. */
  resultsClaim?: string;
  /** Runner image (k6-operator's default: grafana/k6). */
  image?: string;
  /** Run every runner on its own node. */
  separate?: boolean;
}

/** Where a runner's JSON output goes: its own dir on the claim, or stdout (its log). */
export const RESULTS_MOUNT = '/results';

export function scriptConfigMap(
  o: Pick<TestRunOptions, 'name' | 'namespace' | 'scriptFile'>,
  js: string,
): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: metadata(`${o.name}-script`, o.namespace),
    data: { [o.scriptFile]: js },
  };
}

export function testRun(o: TestRunOptions): Record<string, unknown> {
  const out = o.resultsClaim ? `json=${RESULTS_MOUNT}/k6.json.gz` : 'json=-';
  return {
    apiVersion: 'k6.io/v1alpha1',
    kind: 'TestRun',
    metadata: metadata(o.name, o.namespace),
    spec: {
      parallelism: o.parallelism,
      ...(o.separate ? { separate: true } : {}),
      script: { configMap: { name: `${o.name}-script`, file: o.scriptFile } },
      // k6-operator adds --quiet, the execution segment, --tag instance_id=<n> and --tag testrun_name=<name>.
      arguments: `--out ${out} --no-summary --tag testid=${o.name}`,
      runner: {
        ...(o.image ? { image: o.image } : {}),
        env: [
          { name: 'BASE_URL', value: o.baseUrl },
          ...(o.resultsClaim
            ? [{ name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }]
            : []),
        ],
        ...(o.resultsClaim
          ? {
              volumes: [{ name: 'results', persistentVolumeClaim: { claimName: o.resultsClaim } }],
              // Kubernetes expands $(POD_NAME): each runner writes into its own directory of the claim.
              volumeMounts: [{ name: 'results', mountPath: RESULTS_MOUNT, subPathExpr: '$(POD_NAME)' }],
            }
          : {}),
      },
    },
  };
}

const metadata = (name: string, namespace: string | undefined) => ({
  name,
  ...(namespace ? { namespace } : {}),
  labels: { 'app.kubernetes.io/managed-by': 'harness' },
});

/** A DNS-1123 label k6-operator can name its jobs after (`<name>-<n>`, `<name>-initializer`): ≤ 40 chars. */
export function testRunName(text: string): string {
  const name = text
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/g, '');
  return name === '' ? 'harness' : /^[a-z]/.test(name) ? name : `h-${name}`.slice(0, 40);
}

/** Problems with a name given by hand (`--name`). */
export function testRunNameProblem(name: string): string | undefined {
  return /^[a-z]([-a-z0-9]{0,38}[a-z0-9])?$/.test(name)
    ? undefined
    : 'expected a DNS label of at most 40 characters: lowercase letters, digits and "-", starting with a letter';
}

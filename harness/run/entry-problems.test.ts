import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../model/index.ts';
import { planScenario } from './run-scenario.ts';

const region = (entry: string) => ({
  executor: 'constant-arrival-rate',
  rate: 10,
  duration: '5s',
  maxVUs: 10,
  entry,
});

const scenario = (entry: string, targets: unknown[]) => ({
  name: 'entries',
  targets,
  workload: { mix: [{ name: 'get', path: '/items/{key}' }] },
  profiles: { regions: { scenarios: { eu: region('eu'), far: region(entry) } } },
});

async function problems(input: unknown, engine?: string): Promise<string[]> {
  try {
    await planScenario(input as never, engine === undefined ? {} : { engine: engine as never });
    return [];
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    return error.problems.map((p) => `${p.path}: ${p.message}`);
  }
}

describe('executors with an entry (clients with a home region)', () => {
  it('plans when every target has the entry', async () => {
    expect(await problems(scenario('us', [{ arch: 'multi-region' }]))).toEqual([]);
  });

  it('names each target without the entry, with the entries it has, all at once; and the k6 engine', async () => {
    const found = await problems(scenario('mars', [{ arch: 'multi-region' }, 'monolith']), 'k6');
    expect(found).toEqual(
      expect.arrayContaining([
        'profiles.regions.scenarios.far.entry: target multi-region has no entry "mars"; its entries: eu, us',
        'profiles.regions.scenarios.eu.entry: target monolith has no entry "eu"; its entries: none (only its main one)',
        expect.stringMatching(
          /^profiles\.regions\.scenarios\.eu\.entry: the k6 engine sends every scenario to one base URL/,
        ),
      ]),
    );
  });
});

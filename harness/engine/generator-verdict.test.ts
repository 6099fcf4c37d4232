import { describe, expect, it } from 'vitest';
import type { IntervalSample } from '../../model/index.ts';
import { requestStats } from '../../test/helpers/intervals.ts';
import { GeneratorVerdict } from './generator-verdict.ts';

const sample = (cpuCores: number, lagMs: number, dropped = 0, durationMs = 1000): IntervalSample => ({
  ts: 0,
  durationMs,
  byRequest: {},
  iterations: 0,
  droppedIterations: dropped,
  vus: 1,
  vusMax: 1,
  generator: { cpuCores, eventLoopLagP99Ms: lagMs, eventLoopLagMaxMs: lagMs },
});

describe('GeneratorVerdict', () => {
  it('is not bound by one busy interval', () => {
    const v = new GeneratorVerdict(1000, undefined);
    for (const s of [sample(0.95, 5), sample(0.4, 30), sample(0.5, 5)]) v.observe(s);
    expect(v.generatorBound).toBe(false);
    expect(v.notes()).toEqual([]);
  });

  it('says which limit was sustained', () => {
    const v = new GeneratorVerdict(1000, undefined);
    for (const s of [sample(0.92, 25), sample(0.97, 40), sample(0.5, 5)]) v.observe(s);
    expect(v.generatorBound).toBe(true);
    const notes = v.notes();
    expect(notes).toHaveLength(2);
    expect(notes[0]).toMatch(/CPU at 0\.97 cores/);
    expect(notes[1]).toMatch(/event-loop lag p99 reached 40\.0 ms/);
  });

  it('ignores a short last interval', () => {
    const v = new GeneratorVerdict(1000, 50);
    for (const s of [sample(0.95, 5), sample(1, 5, 0, 100)]) v.observe(s);
    expect(v.generatorBound).toBe(false);
  });

  it('blames dropped iterations on the target it waited for, not on the generator', () => {
    const v = new GeneratorVerdict(1000, 50);
    const slow: IntervalSample = {
      ...sample(0.1, 1, 7),
      byRequest: { read: requestStats({ latenciesMs: Array(93).fill(900) }) },
    };
    v.observe(sample(0.1, 1));
    v.observe(slow);
    expect(v.generatorBound).toBe(false);
    expect(v.notes()).toEqual([]);
    expect(v.vuPoolExhausted).toBe(true);
    const [note] = v.vuPoolNotes();
    expect(note).toMatch(
      /^7 iterations dropped because all 50 VUs \(maxVUs\) were busy waiting for the target/,
    );
    // 100/s offered (93 answered + 7 dropped) at ~900 ms needs ~90 VUs, not 50.
    expect(note).toMatch(/p99 9\d\d ms then, so 9\d VUs would have been needed at 100\/s/);
    expect(note).toMatch(/the target was too slow for this arrival rate, or maxVUs is too low/);
    expect(note).not.toMatch(/generator/);
  });
});

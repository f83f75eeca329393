import { describe, expect, it } from '@jest/globals';
import { judgeErrorRate } from './judge-error-rate';
import { DEFAULT_ERROR_RATE_SETTINGS, type ErrorRateSettings, type MetricDecision } from './metric-judgement';

const judge = (canary: [number, number], baseline: [number, number], settings: Partial<ErrorRateSettings> = {}, look = 5) =>
  judgeErrorRate({
    canary: { requests: canary[0], errors: canary[1] },
    baseline: { requests: baseline[0], errors: baseline[1] },
    look,
    settings: { ...DEFAULT_ERROR_RATE_SETTINGS, ...settings },
  });
const RANK: Record<MetricDecision, number> = { 'insufficient-data': -1, pass: 0, continue: 1, fail: 2 };

describe('judgeErrorRate', () => {
  it.each([
    ['1 error in 20 against 0 in 400 ("infinite ×") is not a regression', [20, 1], [400, 0], 'continue'],
    ['no errors anywhere in 100,000 canary requests is within tolerance', [100_000, 0], [1_900_000, 0], 'pass'],
    ['a doubled error rate at volume fails', [6_000, 141], [114_000, 1_163], 'fail'],
    ['the same error rate at volume passes', [6_000, 60], [114_000, 1_140], 'pass'],
    ['a hard fault (20 % against 5 %) fails in one interval at 1 req/s', [60, 12], [1_140, 57], 'fail'],
    ['0.01 % → 0.03 % stays below the 0.05 % floor: never a rollback', [240_000, 72], [4_560_000, 456], 'pass'],
    ['0.01 % → 0.1 % is above the floor and fails', [240_000, 240], [4_560_000, 456], 'fail'],
    ['0.01 % → 0.04 %: worse than baseline, not yet clearly above the floor', [240_000, 96], [4_560_000, 456], 'continue'],
    ['1.15× at volume passes: below ×1.2, where "no change" and the lowest alternative √2 are equally likely', [240_000, 2_760], [4_560_000, 45_600], 'pass'],
    ['1.3× at volume fails: inside the indifference zone (1, 2) either answer is allowed', [240_000, 3_120], [4_560_000, 45_600], 'fail'],
    ['2.5× at low volume is not yet clear', [600, 15], [11_400, 114], 'continue'],
    ['19 canary requests are below the minimum sample', [19, 19], [10_000, 0], 'insufficient-data'],
    ['a baseline below the minimum sample', [1_000, 500], [10, 0], 'insufficient-data'],
    ['no canary traffic at all', [0, 0], [10_000, 10], 'insufficient-data'],
  ] as const)('%s', (_name, canary, baseline, decision) => {
    expect(judge([...canary], [...baseline]).decision).toBe(decision);
  });

  it('reports the rates in %, the tolerance, the samples and an anytime-valid p-value', () => {
    const judged = judge([6_000, 141], [114_000, 1_163]);
    expect(judged).toMatchObject({ metric: 'error-rate', test: 'msprt-conditional-binomial', samples: { canary: 6_000, baseline: 114_000 } });
    expect(judged.value).toBeCloseTo(2.35, 10);
    expect(judged.baseline).toBeCloseTo((100 * 1_163) / 114_000, 10);
    expect(judged.threshold).toBeCloseTo((200 * 1_163) / 114_000, 10);
    expect(judged.pValue).toBeLessThan(0.01);
    expect(judged.pValue).toBeCloseTo(Math.exp(-(judged.statistic ?? 0)), 12);
    expect(judged.reason).toMatch(/^Canary error rate 2\.35 % \(141 of 6,000\) vs baseline 1\.02 % \(1,163 of 114,000\) at look 5: .* — a regression\.$/);
  });

  it('says why it keeps watching, with the floor when the floor is what holds it back', () => {
    expect(judge([240_000, 96], [4_560_000, 456]).reason).toMatch(/worse than baseline \(over 1,000,000 to 1\) but not yet clearly above the 0\.05 % floor/);
    expect(judge([20, 1], [400, 0]).reason).toMatch(/evidence of a regression \d(\.\d)? to 1, needs 100 to 1/);
  });

  it('says why data are insufficient, and reports no statistic', () => {
    const judged = judge([0, 0], [10_000, 10]);
    expect(judged.value).toBeNull();
    expect(judged.statistic).toBeUndefined();
    expect(judged.reason).toBe('Only 0 canary and 10,000 baseline requests at look 5 (at least 20 each are needed): not judged.');
  });

  it('never makes fail less likely, nor pass more likely, as canary errors grow', () => {
    let previous = { rank: -Infinity, statistic: -Infinity };
    for (let errors = 0; errors <= 60; errors++) {
      const judged = judge([1_000, errors], [19_000, 190]);
      expect(RANK[judged.decision]).toBeGreaterThanOrEqual(previous.rank);
      expect(judged.statistic ?? NaN).toBeGreaterThanOrEqual(previous.statistic);
      previous = { rank: RANK[judged.decision], statistic: judged.statistic ?? NaN };
    }
    expect(previous.rank).toBe(RANK.fail);
  });

  it('never makes fail more likely as baseline errors grow', () => {
    let previous = Infinity;
    for (let errors = 0; errors <= 600; errors += 20) {
      const rank = RANK[judge([1_000, 30], [19_000, errors]).decision];
      expect(rank).toBeLessThanOrEqual(previous);
      previous = rank;
    }
  });

  it.each([
    ['a looser alpha fails sooner', [1_000, 20], [19_000, 190], { alpha: 0.2 }, 'fail', 'continue'],
    ['no floor fails a tiny absolute increase at volume', [240_000, 72], [4_560_000, 456], { absoluteFloor: 0 }, 'fail', 'pass'],
    ['dispersion 2 (bursty errors) asks for more evidence', [2_000, 38], [38_000, 380], { dispersion: 2 }, 'continue', 'fail'],
    ['a higher multiplier tolerates 1.4× at volume', [240_000, 3_360], [4_560_000, 45_600], { multiplier: 5 }, 'pass', 'fail'],
  ] as const)('%s', (_name, canary, baseline, settings, changed, byDefault) => {
    expect(judge([...canary], [...baseline]).decision).toBe(byDefault);
    expect(judge([...canary], [...baseline], settings).decision).toBe(changed);
  });

  it.each([
    [{ canary: [NaN, 0] }, /canary\.requests must be a finite number/],
    [{ canary: [Infinity, 0] }, /canary\.requests must be a finite number/],
    [{ canary: [-1, 0] }, /canary\.requests must be at least 0/],
    [{ canary: [10, 11] }, /canary\.errors must not exceed canary\.requests \(got 11 errors in 10 requests\)/],
    [{ baseline: [100, -2] }, /baseline\.errors must be at least 0/],
    [{ look: 0 }, /look must be at least 1/],
    [{ look: 2.5 }, /look must be an integer/],
    [{ settings: { multiplier: 1 } }, /settings\.multiplier must be greater than 1/],
    [{ settings: { alpha: 0 } }, /settings\.alpha must be greater than 0/],
    [{ settings: { beta: 1 } }, /settings\.beta must be less than 1/],
    [{ settings: { absoluteFloor: -0.1 } }, /settings\.absoluteFloor must be at least 0/],
    [{ settings: { dispersion: 0.5 } }, /settings\.dispersion must be at least 1/],
  ] as const)('throws a RangeError naming the field for %j', (overrides, message) => {
    const o = overrides as { canary?: [number, number]; baseline?: [number, number]; look?: number; settings?: Partial<ErrorRateSettings> };
    const call = () => judge(o.canary ?? [100, 1], o.baseline ?? [1_000, 10], o.settings ?? {}, o.look ?? 1);
    expect(call).toThrow(RangeError);
    expect(call).toThrow(message);
  });
});

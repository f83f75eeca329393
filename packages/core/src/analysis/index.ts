export { judgeErrorRate, ERROR_RATE_TEST, type ErrorRateInput, type RequestCounts } from './judge-error-rate';
export { judgeLatency, LATENCY_TEST, type LatencyInput } from './judge-latency';
export {
  DEFAULT_ERROR_RATE_SETTINGS,
  DEFAULT_LATENCY_SETTINGS,
  type MetricJudgement,
  type MetricDecision,
  type ErrorRateSettings,
  type LatencySettings,
} from './metric-judgement';
export { readLatencyHistogram, type HistogramBucket, type LatencyHistogram } from './latency-histogram';
export { waldSprt, type SprtDesign, type SprtDecision, type WaldSprt } from './sprt';
export { normalCdf } from './normal-cdf';
export { mannWhitneyU } from './mann-whitney';
export { mannWhitneyUGrouped, type MannWhitneyAlternative, type TiedGroup, type MannWhitneyResult } from './mann-whitney-grouped';
export { ratioEvidence, type RatioEvidence, type RatioEvidenceInput } from './ratio-evidence';
export { levelEvidence, type LevelEvidence, type LevelEvidenceInput } from './level-evidence';
export { estimateDispersion, type DispersionEstimate, type IntervalCounts } from './estimate-dispersion';

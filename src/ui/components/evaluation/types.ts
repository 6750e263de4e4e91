/** Plain data the evaluation components take beyond the metric reports of src/lib/ml/metrics. */
import type { CompareRowSpec } from '../charts/report-rows';

/** One finished (or running) run as RunsCompare shows it; the strings are ready to display. */
export interface RunSummary {
  id: string;
  name: string;
  /** e.g. "Echo views v2 (412 clips)" */
  dataset: string;
  /** e.g. "MobileNet v2 → 3 classes" */
  model: string;
  /** e.g. "18 of 30 (stopped early)" */
  epochs: string;
  /** e.g. "webgpu" */
  backend: string;
  /** Metric values by key such as 'val_auroc' or 'test_mae'; undefined where the run has none. */
  metrics: Record<string, number | undefined>;
}

/** A metric row of RunsCompare. Label and direction default from the key (metricLabel, metricDirection). */
export type MetricRow = CompareRowSpec;

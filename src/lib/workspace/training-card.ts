/**
 * The evaluation of a finished run on its validation and test splits, and the model card that
 * travels with its model. The card holds counts and metrics only: confusion-matrix item ids and
 * scatter points (scan ids) stay in the run record, in this browser.
 */
import * as tf from '@tensorflow/tfjs';
import type { JobOptions } from '../jobs';
import type { ClassificationReport, RegressionReport } from '../ml/metrics';
import { MODEL_CARD_VERSION, type JsonValue, type ModelCard } from '../ml/model-io';
import type { ModelSpec } from '../ml/models';
import { evaluateModel, type Batch } from '../ml/train';
import type { BaseModelRecord, DatasetRecord, RunRecord } from '../store/schema';
import type { DataSummary } from './training-data';
import type { TrainRequest } from './training-request';

export type EvaluationReport = ClassificationReport | RegressionReport;
export type RunEvaluation = NonNullable<RunRecord['evaluation']>;

/** Bootstrap resamples for the AUROC interval: enough for ±0.005 on a 95 % interval. */
const BOOTSTRAP_RESAMPLES = 1000;

export async function evaluateSplits(
  model: tf.LayersModel,
  splits: { validation: () => AsyncIterable<Batch> | null; test: () => AsyncIterable<Batch> | null },
  request: TrainRequest,
  summary: DataSummary,
  options: JobOptions,
): Promise<RunEvaluation> {
  const evaluate = async (name: 'validation' | 'test'): Promise<EvaluationReport | null> => {
    const batches = splits[name]();
    if (!batches || (summary.samples[name] ?? 0) === 0) return null;
    return evaluateModel(model, batches, {
      loss: request.train.loss,
      classes: summary.classes,
      threshold: 0.5,
      bootstrap: { resamples: BOOTSTRAP_RESAMPLES, seed: request.train.seed },
      itemCount: summary.samples[name],
      signal: options.signal,
      onProgress: options.onProgress ? (p) => options.onProgress?.({ ...p, stage: `evaluate-${name}` }) : undefined,
    });
  };
  return { validation: await evaluate('validation'), test: await evaluate('test') };
}

/** Named results for the card, e.g. "test.auroc": 0.93, "test.confusion": [[4, 0], [1, 3]]. */
export function cardMetrics(evaluation: RunEvaluation): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  for (const split of ['validation', 'test'] as const) {
    const report = evaluation[split];
    if (!report) continue;
    const put = (name: string, value: number | null | undefined) => {
      if (value !== null && value !== undefined && Number.isFinite(value)) out[`${split}.${name}`] = value;
    };
    if (report.task === 'classification') {
      put('count', report.count);
      put('accuracy', report.accuracy);
      put('auroc', report.auroc?.auroc);
      put('auroc_ci_lower', report.auroc?.lower);
      put('auroc_ci_upper', report.auroc?.upper);
      put('macro_auroc', report.macroAuroc?.macro);
      put('sensitivity', report.atThreshold?.sensitivity);
      put('specificity', report.atThreshold?.specificity);
      put('threshold', report.atThreshold?.threshold);
      put('ece', report.calibration.ece);
      out[`${split}.confusion`] = report.confusion.counts.map((row) => [...row]);
    } else {
      report.outputs.forEach(({ metrics }, k) => {
        const suffix = report.outputs.length > 1 ? `_${k}` : '';
        put(`count${suffix}`, metrics.count);
        put(`mae${suffix}`, metrics.meanAbsoluteError);
        put(`rmse${suffix}`, metrics.rootMeanSquaredError);
        put(`r2${suffix}`, metrics.r2);
      });
    }
  }
  return out;
}

export interface CardInput {
  request: TrainRequest;
  spec: ModelSpec;
  dataset: DatasetRecord;
  summary: DataSummary;
  evaluation: RunEvaluation;
  backend: string;
  enclaveVersion: string;
  createdAt: string;
  /** The pretrained base model the run started from, if any. */
  base?: BaseModelRecord;
}

export function runModelCard(input: CardInput): ModelCard {
  const { request, spec, dataset, summary } = input;
  const classCounts = summary.classes && summary.classCounts
    ? Object.fromEntries(summary.classes.map((name, k) => [name, summary.classCounts?.[k] ?? 0]))
    : undefined;
  const recipe = dataset.recipe as { name?: string; kind?: string } | null;
  return {
    version: MODEL_CARD_VERSION,
    name: request.name,
    createdAt: input.createdAt,
    task: request.task,
    ...(summary.classes ? { classes: [...summary.classes] } : { classes: [request.labelColumn] }),
    inputShape: [...spec.input],
    // A run from a base model has no spec of its backbone: the card names the base instead.
    ...(input.base ? {} : { modelSpec: spec }),
    ...(input.base && request.base ? { pretrained: pretrainedOf(input.base, request.base) } : {}),
    recipe: dataset.recipe as JsonValue,
    dataSummary: {
      datasetName: dataset.name,
      samples: { ...summary.samples },
      patients: { ...summary.patients },
      ...(classCounts ? { classCounts } : {}),
      description: `${recipe?.kind ?? 'scan'} dataset${recipe?.name ? ` (${recipe.name})` : ''}, input [${spec.input.join(', ')}], target "${request.labelColumn}"; ${summary.unlabelled} unlabelled scans left out.`,
    },
    metrics: cardMetrics(input.evaluation),
    backend: input.backend,
    versions: { enclave: input.enclaveVersion, tfjs: tf.version.tfjs },
    trainingConfig: JSON.parse(JSON.stringify({ ...request.train, quickMode: request.quickMode ?? false })) as JsonValue,
    notes: `Trained in Enclave on ${summary.samples.train ?? 0} scans${request.quickMode ? ' (quick mode: frozen backbone, head trained on its embeddings)' : ''}. ` +
      'A research model: not validated for clinical use. Check it on data from your own site before drawing conclusions.',
  };
}

function pretrainedOf(base: BaseModelRecord, use: NonNullable<TrainRequest['base']>): NonNullable<ModelCard['pretrained']> {
  const where = base.source.kind === 'files' ? `files: ${base.source.fileNames.join(', ')}` : base.source.url;
  const licence = base.source.kind === 'catalogue' ? `; licence: ${base.source.licence}` : '';
  return {
    source: `${base.name} (${base.source.kind === 'catalogue' ? base.source.catalogueId : base.source.kind}; ${where}${licence})`,
    cutLayer: use.cutLayer,
    // JSON has no Infinity: "all blocks" is stored as the backbone's block count.
    unfrozenBlocks: Number.isFinite(use.unfreezeLastN) ? use.unfreezeLastN : base.description.blocks.length,
  };
}

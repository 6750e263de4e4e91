/** The training benchmark's table: one row per runtime and backend, PyTorch as the yardstick. */
import type { PhaseOutcome, TrainBenchConfig } from './train-run';

export interface TrainRow {
  runtime: string;
  backend: string;
  train: PhaseOutcome;
  infer: PhaseOutcome;
  params: number;
  note?: string;
}

const COLUMNS: [title: string, width: number][] = [
  ['runtime', 18], ['backend', 9], ['train smp/s', 12], ['step ms', 9], ['steps', 7], ['1st step s', 11],
  ['infer smp/s', 12], ['batch ms', 9], ['PyTorch ÷ this', 15],
];

function cells(values: string[]): string {
  return values.map((v, i) => (i < 2 ? v.padEnd(COLUMNS[i]![1]) : v.padStart(COLUMNS[i]![1]))).join(' ');
}

function rate(value: number): string {
  return value >= 100 ? value.toFixed(0) : value >= 1 ? value.toFixed(1) : value.toFixed(2);
}

function phaseCells(phase: PhaseOutcome, withSteps: boolean): string[] {
  if (!phase.ok) return withSteps ? ['failed', '', '', ''] : ['failed', ''];
  const figures = [rate(phase.samplesPerSecond), phase.medianStepMs.toFixed(0)];
  return withSteps ? [...figures, `${phase.steps}+${phase.warmupSteps}w`, (phase.firstStepMs / 1000).toFixed(1)] : figures;
}

export function printTrainTable(config: TrainBenchConfig, rows: TrainRow[], torch: TrainRow | undefined, notes: string[]): void {
  const params = rows[0]?.params;
  console.log(
    `\nMobileNetV2 α=${config.widthMultiplier}${params ? ` (${params.toLocaleString('en')} params)` : ''}, ` +
      `input ${config.batchSize}×${config.size}×${config.size}×${config.channels}, 2 classes, Adam 1e-3, random data. ` +
      `Training: the project's loop (trainModel, optimizer.minimize); steps = timed + warm-up.\n`,
  );
  console.log(cells(COLUMNS.map(([title]) => title)));
  console.log('-'.repeat(COLUMNS.reduce((n, [, w]) => n + w + 1, -1)));
  for (const row of rows) {
    const ratio = torch?.train.ok && row.train.ok && row !== torch ? `${(torch.train.samplesPerSecond / row.train.samplesPerSecond).toFixed(1)}×` : '';
    console.log(cells([row.runtime, row.backend, ...phaseCells(row.train, true), ...phaseCells(row.infer, false), ratio]));
  }
  const details = rows.flatMap((row) => [
    ...(row.note ? [`${row.runtime} ${row.backend}: ${row.note}`] : []),
    ...(!row.train.ok ? [`${row.runtime} ${row.backend} training failed: ${row.train.detail}`] : []),
    ...(!row.infer.ok ? [`${row.runtime} ${row.backend} inference failed: ${row.infer.detail}`] : []),
  ]);
  const mismatch = torch && params && torch.params !== params ? [`PyTorch model has ${torch.params} params, tfjs ${params}: the architectures differ`] : [];
  for (const line of [...details, ...mismatch, ...notes]) console.log(`  • ${line}`);
  console.log();
}

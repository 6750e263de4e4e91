import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect, test } from '@playwright/test';
import { generateSampleSet } from '../../src/lib/synthetic';
import { createProject, goToStep, openApp } from './support/app';

/**
 * A small 3D CNN over (time, height, width) with a sigmoid head. With 8 and 16 filters it ranks
 * the validation clips perfectly from the first epoch in Node (4 and 8 took 3–13 epochs, and a
 * browser run of those ended at test AUROC 0.77), so 10 epochs leave a margin.
 */
const SMALL_VIDEO_MODEL = {
  family: 'volume-cnn3d', input: [8, 32, 32, 1], filtersPerStage: [8, 16],
  head: { task: 'classification', classes: 1, activation: 'sigmoid' }, dropout: 0, seed: 5,
};

/**
 * A synthetic echo cohort larger than the built-in sample (22 clips of 16 patients), so the
 * held-out test split has about 15 clips and its AUROC means something. Its labels carry real
 * signal: reduced ejection fraction is drawn into the beating ventricle.
 */
const COHORT = { seed: 20261128, patients: 40, echoStudies: 60, ct: false, mr: false } as const;

async function writeCohort(): Promise<{ folder: string; labels: string; files: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'enclave-cohort-'));
  const set = await generateSampleSet(COHORT);
  for (const file of set.files) {
    mkdirSync(dirname(join(dir, 'cohort', file.path)), { recursive: true });
    writeFileSync(join(dir, 'cohort', file.path), file.bytes);
  }
  writeFileSync(join(dir, 'labels.csv'), set.labelsCsv);
  return { folder: join(dir, 'cohort'), labels: join(dir, 'labels.csv'), files: set.files.length };
}

test('train a video (3D) model in the worker on WebGPU to test AUROC ≥ 0.9 on held-out patients, then predict on new scans', async ({ page }) => {
  test.setTimeout(1_500_000);
  const cohort = await writeCohort();
  await openApp(page);
  await createProject(page, 'Echo cohort');
  await goToStep(page, 'import');
  await page.getByTestId('folder-input').setInputFiles(cohort.folder);
  await expect(page.getByTestId('import-report')).toHaveAttribute('data-added', String(cohort.files), { timeout: 120_000 });
  await goToStep(page, 'deidentify');
  await page.getByTestId('deid-run').click();
  await expect(page.getByTestId('deid-summary')).toHaveAttribute('data-outputs', String(cohort.files), { timeout: 600_000 });

  await goToStep(page, 'dataset');
  await page.getByRole('button', { name: 'Echo clip 32×32, 8 frames' }).click();
  await page.getByTestId('dataset-name').fill('Echo 32');
  await page.getByTestId('dataset-build').click();
  await expect(page.getByTestId('dataset-build-report')).toHaveAttribute('data-failed', '0', { timeout: 600_000 });
  // Labels keyed by the original identifiers: translated inside the ingest worker.
  await page.getByTestId('labels-file').setInputFiles(cohort.labels);
  await expect(page.getByTestId('labels-summary')).toBeVisible();
  await page.getByTestId('split-seed').fill('3');
  await page.getByTestId('split-train').fill('0.5');
  await page.getByTestId('split-validation').fill('0.25');
  await page.getByTestId('split-make').click();
  await expect(page.getByTestId('split-row')).toHaveCount(3);

  await goToStep(page, 'train');
  await page.getByTestId('run-name').fill('Reduced EF');
  await page.getByTestId('run-label').selectOption('reduced_function');
  await page.getByTestId('run-family').selectOption('volume-cnn3d');
  await page.getByTestId('run-epochs').fill('10');
  await page.getByTestId('run-batch').fill('4');
  await page.getByTestId('run-lr').fill('0.01');
  await page.locator('details summary', { hasText: 'Model spec' }).click();
  await page.getByTestId('run-spec').fill(JSON.stringify(SMALL_VIDEO_MODEL));
  await page.getByTestId('run-start').click();
  // Live charts appear while it trains.
  const charts = page.getByTestId('run-charts');
  await expect(charts).toBeVisible({ timeout: 300_000 });
  const row = page.getByTestId('run-row');
  await expect(row).toHaveAttribute('data-status', 'finished', { timeout: 600_000 });
  await expect(row).toContainText('webgpu');
  await expect(charts).toHaveAttribute('data-epochs', '10');
  const firstLoss = Number(await charts.getAttribute('data-first-loss'));
  const lastLoss = Number(await charts.getAttribute('data-last-loss'));
  expect(lastLoss).toBeLessThan(firstLoss);

  await goToStep(page, 'evaluate');
  // The pipeline learns: patients the model never saw are ranked by their real label.
  const test_ = page.locator('[data-testid="split-report"][data-split="test"]');
  await expect(test_).toHaveAttribute('data-count', /^1\d$/);
  const testAuroc = Number(await test_.getByTestId('roc-curve').getAttribute('data-auroc'));
  console.log(`test AUROC ${testAuroc.toFixed(3)} on ${await test_.getAttribute('data-count')} clips`);
  expect(testAuroc).toBeGreaterThanOrEqual(0.9);
  const validationAuroc = await page.locator('[data-testid="split-report"][data-split="validation"]').getByTestId('roc-curve').getAttribute('data-auroc');
  expect(validationAuroc).toMatch(/^(0(\.\d+)?|1(\.0+)?)$/);
  // A confusion-matrix cell opens the scans behind it.
  const cell = test_.locator('[data-testid="confusion-cell"]:not([data-count="0"])').first();
  const count = await cell.getAttribute('data-count');
  await cell.click();
  await expect(page.getByTestId('cell-scans')).toHaveAttribute('data-count', count ?? '');

  // Later, in a fresh tab (the run and its model are in IndexedDB; the cohort's files are gone from
  // memory): new synthetic scans of other patients go through import and the same
  // de-identification, then the model.
  await page.reload();
  await expect(page.getByTestId('app-shell')).toHaveAttribute('data-ready', 'true');
  const dir = mkdtempSync(join(tmpdir(), 'enclave-new-scans-'));
  const fresh = await generateSampleSet({ seed: 99, patients: 2, echoStudies: 3, ct: false, mr: false });
  for (const file of fresh.files) {
    mkdirSync(dirname(join(dir, 'new', file.path)), { recursive: true });
    writeFileSync(join(dir, 'new', file.path), file.bytes);
  }
  await goToStep(page, 'import');
  await page.getByTestId('folder-input').setInputFiles(join(dir, 'new'));
  await expect(page.getByTestId('import-report')).toHaveAttribute('data-added', String(fresh.files.length), { timeout: 60_000 });
  await goToStep(page, 'deidentify');
  await page.getByTestId('deid-run').click();
  await expect(page.getByTestId('deid-summary')).toHaveAttribute('data-outputs', String(fresh.files.length), { timeout: 300_000 });

  await goToStep(page, 'infer');
  await page.getByTestId('infer-run-button').click();
  const predictions = page.getByTestId('predictions');
  const echoClips = fresh.files.length;
  await expect(predictions).toHaveAttribute('data-rows', String(echoClips), { timeout: 300_000 });
  await expect(page.locator('[data-testid="prediction-row"][data-status="failed"]')).toHaveCount(0);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('infer-csv').click()]);
  const csv = readFileSync((await download.path()) ?? '', 'utf8').trim().split(/\r?\n/);
  expect(csv).toHaveLength(echoClips + 1);
  expect(csv.join('\n')).not.toMatch(/FAKE/);
});

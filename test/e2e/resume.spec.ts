import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { createProject, goToStep, openApp } from './support/app';

const LABELS_CSV = join(import.meta.dirname, '../../public/sample/labels.csv');

const SMALL_VIDEO_MODEL = {
  family: 'volume-cnn3d', input: [8, 32, 32, 1], filtersPerStage: [4, 8],
  head: { task: 'classification', classes: 1, activation: 'sigmoid' }, dropout: 0, seed: 5,
};

test('a run interrupted by a page reload resumes from its last checkpoint and finishes with its earlier epochs kept', async ({ page }) => {
  test.setTimeout(900_000);
  await openApp(page);
  await createProject(page, 'Resume');
  await goToStep(page, 'import');
  await page.getByTestId('load-sample').click();
  await expect(page.getByTestId('import-report')).toHaveAttribute('data-added', '70', { timeout: 60_000 });
  await goToStep(page, 'deidentify');
  await page.getByTestId('deid-run').click();
  await expect(page.getByTestId('deid-summary')).toHaveAttribute('data-outputs', '70', { timeout: 300_000 });
  await goToStep(page, 'dataset');
  await page.getByRole('button', { name: 'Echo clip 32×32, 8 frames' }).click();
  await page.getByTestId('dataset-build').click();
  await expect(page.getByTestId('dataset-build-report')).toHaveAttribute('data-failed', '0', { timeout: 300_000 });
  await page.getByTestId('labels-file').setInputFiles(LABELS_CSV);
  await expect(page.getByTestId('labels-summary')).toBeVisible();
  await page.getByTestId('split-make').click();
  await expect(page.getByTestId('split-row')).toHaveCount(3);

  await goToStep(page, 'train');
  await page.getByTestId('run-label').selectOption('reduced_function');
  await page.getByTestId('run-epochs').fill('6');
  await page.getByTestId('run-batch').fill('4');
  await page.locator('details summary', { hasText: 'Model spec' }).click();
  await page.getByTestId('run-spec').fill(JSON.stringify(SMALL_VIDEO_MODEL));
  await page.getByTestId('run-start').click();
  const charts = page.getByTestId('run-charts');
  // Two epochs done means two checkpoints stored; then the tab goes away mid-run.
  await expect(charts).toHaveAttribute('data-epochs', /^[2-5]$/, { timeout: 600_000 });
  const firstLoss = await charts.getAttribute('data-first-loss');
  await page.reload();
  await expect(page.getByTestId('app-shell')).toHaveAttribute('data-ready', 'true');

  await goToStep(page, 'train');
  const row = page.getByTestId('run-row');
  await expect(row).toHaveAttribute('data-status', 'running');
  const done = Number((await row.locator('td').nth(3).innerText()).split('/')[0]);
  expect(done).toBeGreaterThanOrEqual(2);
  expect(done).toBeLessThan(6);
  await row.getByTestId('run-resume').click();
  await expect(row).toHaveAttribute('data-status', 'finished', { timeout: 600_000 });
  await expect(row.locator('td').nth(3)).toHaveText('6/6');
  await expect(charts).toHaveAttribute('data-epochs', '6');
  // The epochs before the reload are the stored ones, not a restart.
  await expect(charts).toHaveAttribute('data-first-loss', firstLoss ?? '');
});

import { expect, test } from '@playwright/test';
import { buildSampleEchoDataset, goToStep, loadSampleAndDeidentify } from './support/app';

const SMALL_VIDEO_MODEL = {
  family: 'volume-cnn3d', input: [8, 32, 32, 1], filtersPerStage: [4, 8],
  head: { task: 'classification', classes: 1, activation: 'sigmoid' }, dropout: 0, seed: 5,
};

test('a run interrupted by a page reload resumes from its last checkpoint and finishes with its earlier epochs kept', async ({ page }) => {
  test.setTimeout(900_000);
  await loadSampleAndDeidentify(page, 'Resume');
  await buildSampleEchoDataset(page);

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

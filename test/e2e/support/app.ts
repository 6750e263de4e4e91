import { expect, type Page } from '@playwright/test';
import { join } from 'node:path';
import type { StepId } from '../../../src/ui/steps';

/** The labels of the bundled sample, keyed by original identifiers (translated on import). */
export const SAMPLE_LABELS_CSV = join(import.meta.dirname, '../../../public/sample/labels.csv');

/** Opens the app and waits until the local database is open and the shell is interactive. */
export async function openApp(page: Page, path = '/'): Promise<void> {
  await page.goto(path);
  await expect(page.getByTestId('app-shell')).toHaveAttribute('data-ready', 'true');
}

export async function goToStep(page: Page, step: StepId): Promise<void> {
  await page.getByTestId(`nav-${step}`).click();
  await expect(page.getByTestId(`view-${step}`)).toBeVisible();
}

export async function createProject(page: Page, name: string): Promise<void> {
  await page.getByTestId('project-new').click();
  await page.getByTestId('project-name').fill(name);
  await page.getByTestId('project-save').click();
  await expect(page.getByTestId('project-select').locator('option:checked')).toHaveText(name);
  await expect(page.getByTestId('app-shell')).toHaveAttribute('data-current-project', name);
}

/** Waits until the service worker controls the page, i.e. the app is cached for offline use. */
export async function waitForOfflineCache(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise<void>((resolve) => navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true }));
    }
  });
}

/**
 * The sample set (70 files) imported and de-identified with the default policy and OCR, in a new
 * project when `project` is given.
 */
export async function loadSampleAndDeidentify(page: Page, project?: string): Promise<void> {
  await openApp(page);
  if (project) await createProject(page, project);
  await goToStep(page, 'import');
  await page.getByTestId('load-sample').click();
  await expect(page.getByTestId('import-report')).toHaveAttribute('data-added', '70', { timeout: 60_000 });
  await goToStep(page, 'deidentify');
  await page.getByTestId('deid-run').click();
  await expect(page.getByTestId('deid-summary')).toHaveAttribute('data-outputs', '70', { timeout: 300_000 });
}

/** The sample's echo clips as the small 8×32×32 dataset, with the sample labels and default patient splits. */
export async function buildSampleEchoDataset(page: Page): Promise<void> {
  await goToStep(page, 'dataset');
  await page.getByRole('button', { name: 'Echo clip 32×32, 8 frames' }).click();
  await page.getByTestId('dataset-build').click();
  await expect(page.getByTestId('dataset-build-report')).toHaveAttribute('data-failed', '0', { timeout: 300_000 });
  await page.getByTestId('labels-file').setInputFiles(SAMPLE_LABELS_CSV);
  await expect(page.getByTestId('labels-summary')).toBeVisible();
  await page.getByTestId('split-make').click();
  await expect(page.getByTestId('split-row')).toHaveCount(3);
}

import { expect, type Page } from '@playwright/test';
import type { StepId } from '../../../src/ui/steps';

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

/** The sample set (70 files) imported and de-identified with the default policy and OCR. */
export async function loadSampleAndDeidentify(page: Page): Promise<void> {
  await openApp(page);
  await goToStep(page, 'import');
  await page.getByTestId('load-sample').click();
  await expect(page.getByTestId('import-report')).toHaveAttribute('data-added', '70', { timeout: 60_000 });
  await goToStep(page, 'deidentify');
  await page.getByTestId('deid-run').click();
  await expect(page.getByTestId('deid-summary')).toHaveAttribute('data-outputs', '70', { timeout: 300_000 });
}

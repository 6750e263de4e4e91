import { expect, test } from '@playwright/test';
import { goToStep, openApp, waitForOfflineCache } from './support/app';

test('after one visit the app opens and loads its sample data offline', async ({ page, context }) => {
  await openApp(page);
  await waitForOfflineCache(page);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('app-shell')).toHaveAttribute('data-ready', 'true');
  await goToStep(page, 'import');
  await page.getByTestId('load-sample').click();
  await expect(page.getByTestId('sample-summary')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('sample-summary')).toHaveAttribute('data-failed', '0');
  // The compute engine's worker and its wasm come from the cache too.
  await goToStep(page, 'diagnostics');
  await expect(page.getByTestId('engine-state')).toHaveText('ready', { timeout: 120_000 });

  // Proof the network was really off: a fetch the cache does not hold fails.
  const uncachedFetch = await page.evaluate(async () => {
    try {
      await fetch(`/not-cached-${Date.now()}.txt`);
      return 'reached network';
    } catch {
      return 'failed';
    }
  });
  expect(uncachedFetch).toBe('failed');
});

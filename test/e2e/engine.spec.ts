import { expect, test } from '@playwright/test';
import { goToStep, openApp } from './support/app';

test.describe('compute engine in a worker', () => {
  test('chooses WebGPU, passes the gradient self-check against cpu, and shows the adapter limits', async ({ page }) => {
    await openApp(page);
    await goToStep(page, 'diagnostics');
    await expect(page.getByTestId('engine-state')).toHaveText('ready', { timeout: 120_000 });
    await expect(page.getByTestId('engine-backend')).toHaveText('webgpu');
    await expect(page.getByTestId('engine-selfcheck')).toHaveAttribute('data-passed', 'true');
    await expect(page.getByTestId('engine-adapter')).toContainText('swiftshader');
    // SwiftShader grants 1 GiB buffers here; the figure must come from the real adapter.
    await expect(page.getByTestId('limit-maxBufferSize')).toHaveText(/^\d+ MiB$/);
    await expect(page.getByTestId('limit-maxStorageBufferBindingSize')).toHaveText(/^\d+ MiB$/);
    await expect(page.getByTestId('engine-attempts')).toContainText('webgpu: selected');
  });

  test('reports a lost GPU device by name and recovers after a restart', async ({ page }) => {
    await openApp(page);
    await goToStep(page, 'diagnostics');
    await expect(page.getByTestId('engine-backend')).toHaveText('webgpu', { timeout: 120_000 });

    await page.getByTestId('engine-simulate-loss').click();
    await expect(page.getByTestId('engine-state')).toHaveText('device-lost');
    await expect(page.getByTestId('engine-error')).toHaveAttribute('data-error-name', 'GpuDeviceLostError');
    await expect(page.getByTestId('engine-error')).toContainText('Restart the compute engine');
    await expect(page.getByTestId('engine-badge')).toContainText('GPU lost');

    await page.getByTestId('engine-restart').click();
    await expect(page.getByTestId('engine-state')).toHaveText('ready', { timeout: 120_000 });
    await expect(page.getByTestId('engine-backend')).toHaveText('webgpu');
    await expect(page.getByTestId('engine-selfcheck')).toHaveAttribute('data-passed', 'true');
    await expect(page.getByTestId('engine-error')).toHaveCount(0);
  });
});

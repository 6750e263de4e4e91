import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test } from '@playwright/test';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './support/chromium';
import { createProject, goToStep, openApp } from './support/app';

const select = (page: import('@playwright/test').Page) => page.getByTestId('project-select');

test.describe('projects in IndexedDB', () => {
  test('create, rename, switch and delete survive a reload', async ({ page }) => {
    page.on('dialog', (dialog) => void dialog.accept());
    await openApp(page);
    await createProject(page, 'Echo EF pilot');
    await createProject(page, 'CT lesions');

    await page.getByTestId('project-rename').click();
    await page.getByTestId('project-name').fill('  CT lesions v2  ');
    await page.getByTestId('project-save').click();
    await expect(select(page).locator('option:checked')).toHaveText('CT lesions v2');

    await select(page).selectOption({ label: 'Echo EF pilot' });
    // The switch is saved, not just shown, before the page goes away.
    await expect(page.getByTestId('app-shell')).toHaveAttribute('data-current-project', 'Echo EF pilot');
    await page.reload();
    await expect(select(page).locator('option:checked')).toHaveText('Echo EF pilot');
    // Most recently changed first; switching is not a change of the project.
    await expect(select(page).locator('option')).toHaveText(['CT lesions v2', 'Echo EF pilot']);

    await page.getByTestId('project-delete').click();
    await expect(select(page).locator('option')).toHaveText(['CT lesions v2']);
    await page.reload();
    await expect(select(page).locator('option')).toHaveText(['CT lesions v2']);
  });

  test('an empty name is refused with a message and nothing changes', async ({ page }) => {
    await openApp(page);
    await createProject(page, 'Keep me');
    await page.getByTestId('project-rename').click();
    await page.getByTestId('project-name').fill('   ');
    await page.getByTestId('project-save').click();
    await expect(page.locator('[data-error-name="InvalidInputError"]')).toContainText('needs a name');
    await page.reload();
    await expect(select(page).locator('option:checked')).toHaveText('Keep me');
  });

  test('"Delete all local data" really deletes the database', async ({ page }) => {
    page.on('dialog', (dialog) => void dialog.accept());
    await openApp(page);
    await createProject(page, 'Will be deleted');
    await goToStep(page, 'diagnostics');
    await page.getByTestId('delete-all').click();
    await expect(page.getByTestId('delete-all-report')).toContainText('Deleted');
    await expect(select(page).locator('option')).toHaveText(['No project yet']);
    // Look from outside the app: the database holds no project any more.
    const names = await page.evaluate(async () => {
      const request = indexedDB.open('enclave');
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const tx = db.transaction('projects', 'readonly');
      const all = await new Promise<{ name: string }[]>((resolve) => {
        const get = tx.objectStore('projects').getAll();
        get.onsuccess = () => resolve(get.result as { name: string }[]);
      });
      db.close();
      return all.map((project) => project.name);
    });
    expect(names).toEqual([]);
  });

  test('a full storage quota gives a clear message and loses nothing already saved', async ({ baseURL }) => {
    // Chromium reads an origin's quota when IndexedDB is first used in a browser session and
    // keeps it, so the smaller quota must be in place before the app opens its database: a
    // second browser session on the same profile, as when a person comes back to a full disk.
    const profile = await mkdtemp(join(tmpdir(), 'enclave-quota-'));
    const launch = () => chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS, baseURL });
    try {
      const first = await launch();
      const page = first.pages()[0] ?? (await first.newPage());
      await openApp(page);
      await createProject(page, 'Saved before the disk filled');
      await first.close();

      const second = await launch();
      const again = second.pages()[0] ?? (await second.newPage());
      const cdp = await second.newCDPSession(again);
      await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(baseURL ?? '').origin, quotaSize: 1 });
      await openApp(again);
      await expect(select(again).locator('option')).toHaveText(['Saved before the disk filled']);

      await again.getByTestId('project-new').click();
      await again.getByTestId('project-name').fill('Does not fit');
      await again.getByTestId('project-save').click();
      const notice = again.locator('[data-error-name="QuotaExceededError"]');
      await expect(notice).toContainText('storage for Enclave is full');
      await expect(notice).toContainText('Nothing saved before was lost');
      await again.reload();
      await expect(select(again).locator('option')).toHaveText(['Saved before the disk filled']);
      await second.close();
    } finally {
      await rm(profile, { recursive: true, force: true });
    }
  });
});

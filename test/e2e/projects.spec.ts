import { expect, test } from '@playwright/test';
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

  test('a full storage quota gives a clear message and loses nothing already saved', async ({ page }) => {
    await openApp(page);
    await createProject(page, 'Saved before the disk filled');
    const origin = new URL(page.url()).origin;
    const cdp = await page.context().newCDPSession(page);
    // Shrink this origin's quota below what it already uses, so the next write cannot fit.
    await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 1 });

    await page.getByTestId('project-new').click();
    await page.getByTestId('project-name').fill('Does not fit');
    await page.getByTestId('project-save').click();
    const notice = page.locator('[data-error-name="QuotaExceededError"]');
    await expect(notice).toBeVisible();
    await expect(notice).toContainText('Nothing saved before was lost');

    await cdp.send('Storage.overrideQuotaForOrigin', { origin });
    await page.reload();
    await expect(select(page).locator('option')).toHaveText(['Saved before the disk filled']);
  });
});

import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { unzipSync } from 'fflate';
import { createProject, goToStep, openApp } from './support/app';

/** Fake PHI the sample set carries (src/lib/synthetic): none of it may reach the export. */
const SAMPLE_PHI = /FAKE\^|FAKE-0\d{3}|FAKE-MRN|Enclave Synthetic Hospital|1 Fake Street/;

test('sample data: de-identify with OCR masking, review, and export a zip the leftover-PHI check passed', async ({ page }) => {
  await openApp(page);
  await goToStep(page, 'import');
  await page.getByTestId('load-sample').click();
  await expect(page.getByTestId('import-report')).toHaveAttribute('data-added', '70', { timeout: 60_000 });

  await goToStep(page, 'deidentify');
  await expect(page.getByTestId('policy-safe')).toBeVisible();
  await page.getByTestId('deid-passphrase').fill('correct horse battery staple');
  await page.getByTestId('deid-run').click();
  const summary = page.getByTestId('deid-summary');
  await expect(summary).toHaveAttribute('data-outputs', '70', { timeout: 300_000 });
  // The leftover-PHI check finds no original identifier anywhere in the output.
  await expect(summary).toContainText('0 identifiers found');
  // The verification OCR may still flag speckle on a masked frame as a word; a person reviews
  // those frames and acknowledges them, and only then does export open.
  const acknowledge = page.getByTestId('deid-acknowledge');
  if ((await summary.getAttribute('data-export-allowed')) === 'false') {
    await expect(page.getByTestId('deid-blocked')).toContainText('need review');
    await expect(page.getByTestId('deid-flagged')).toContainText('legible');
    await acknowledge.check();
  }
  await expect(summary).toHaveAttribute('data-export-allowed', 'true');

  // OCR really ran on the echo loops (its files are served by the app itself).
  await expect(page.getByTestId('deid-ocr').first()).toHaveText('1');

  // Review the first echo loop: the de-identified frame is shown beside the original.
  await page.getByTestId('deid-review-button').first().click();
  await expect(page.getByTestId('deid-review')).toBeVisible();
  const after = page.getByTestId('deid-after').locator('canvas');
  await expect.poll(async () => after.evaluate((c: HTMLCanvasElement) => c.width)).toBe(192);
  // No banner text pixel (value 235) is left in the top rows of the de-identified frame.
  const bannerPixels = await after.evaluate((c: HTMLCanvasElement) => {
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, 53).data;
    let bright = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i]! >= 200) bright++;
    return bright;
  });
  expect(bannerPixels).toBe(0);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('deid-export').click()]);
  const zip = unzipSync(new Uint8Array(readFileSync((await download.path()) ?? '')));
  const names = Object.keys(zip);
  expect(names.filter((n) => n.endsWith('.dcm'))).toHaveLength(70);
  expect(names).toEqual(expect.arrayContaining(['deid-audit.csv', 'deid-audit.json', 'leftover-phi.json']));
  for (const [name, bytes] of Object.entries(zip)) {
    expect(name).not.toMatch(SAMPLE_PHI);
    expect(Buffer.from(bytes).toString('latin1'), name).not.toMatch(SAMPLE_PHI);
  }
  // Only ciphertext of the pseudonym map is in IndexedDB.
  const stored = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('enclave');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const records = await new Promise<unknown[]>((resolve) => {
      const get = db.transaction('pseudonymMaps').objectStore('pseudonymMaps').getAll();
      get.onsuccess = () => resolve(get.result as unknown[]);
    });
    db.close();
    return records.map((r) => Object.keys(r as object).sort());
  });
  expect(stored).toEqual([['ciphertext', 'iv', 'kdf', 'projectId', 'salt', 'updatedAt']]);
});

test('the policy is saved with the project, shows what a relaxed option exposes, and refuses a bad file by name', async ({ page }) => {
  await openApp(page);
  await createProject(page, 'Policy check');
  await goToStep(page, 'deidentify');
  await expect(page.getByTestId('policy-safe')).toBeVisible();

  await page.getByTestId('option-retainUids').check();
  await expect(page.getByTestId('policy-risks')).toContainText('Original UIDs are kept');
  await page.reload();
  await expect(page.getByTestId('option-retainUids')).toBeChecked();

  await page.getByTestId('policy-file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"version": 1, "profile": "basic", "options": {"retainUids": "yes"}}') });
  await expect(page.locator('[data-error-name="DeidPolicyError"]')).toBeVisible();
  await expect(page.getByTestId('option-retainUids')).toBeChecked();

  await page.getByTestId('policy-reset').click();
  await expect(page.getByTestId('policy-safe')).toBeVisible();
});

import { expect, test } from '@playwright/test';
import { createProject, goToStep, openApp } from './support/app';
import { CT_SLICES, canvasRed, importSampleFiles, runDeid, seriesRow } from './support/deid';

const MASK = [48, 40, 30, 20] as const;

test('region rules and rectangles drawn on a series mask its output after a re-run; flagged frames open the review there', async ({ page }) => {
  await openApp(page);
  await createProject(page, 'Masks');
  await goToStep(page, 'import');
  await importSampleFiles(page, [...CT_SLICES(4), 'echo/FAKE-0008/FAKEACC00012.dcm', 'echo/FAKE-0009/FAKEACC00013.dcm']);
  await goToStep(page, 'deidentify');

  // A region rule for the CT's device and size: invalid patterns are refused by name.
  await page.getByTestId('region-rule-name').fill('CT corner');
  await page.getByTestId('region-rule-modality').fill('(');
  await page.getByTestId('region-rule-columns').fill('128');
  await page.getByTestId('region-rule-rows').fill('128');
  await page.getByTestId('region-rule-rectangles').fill('0,0,16,8');
  await page.getByTestId('region-rule-add').click();
  await expect(page.getByTestId('region-rule-error')).toContainText('modality is not a valid regular expression');
  await page.getByTestId('region-rule-modality').fill('^CT$');
  await page.getByTestId('region-rule-add').click();
  await expect(page.getByTestId('region-rule')).toHaveAttribute('data-name', 'CT corner');

  await runDeid(page, 6);
  const ct = seriesRow(page, 'CT');
  // The rule makes the CT slices (BurnedInAnnotation NO) go through pixel cleaning.
  await expect(ct.getByTestId('deid-pixels-cleaned')).toHaveAttribute('data-value', '4');
  await page.getByTestId('region-rule-remove').click();
  await expect(page.getByTestId('region-rule')).toHaveCount(0);

  // Review the CT at its third slice, draw a rectangle by hand and type another.
  await ct.getByTestId('deid-review-button').click();
  const review = page.getByTestId('deid-review');
  await expect(review).toHaveAttribute('data-series-key', (await ct.getAttribute('data-series-key'))!);
  await page.getByTestId('deid-review-frame').fill('2');
  await expect(review).toHaveAttribute('data-loaded-index', '2');
  const before = page.getByTestId('deid-before').locator('canvas');
  const after = page.getByTestId('deid-after').locator('canvas');
  expect(Math.max(...(await canvasRed(after, MASK)))).toBeGreaterThan(0);

  await page.getByTestId('mask-draw-toggle').click();
  const surface = page.getByTestId('mask-draw-surface');
  const box = (await surface.boundingBox())!;
  const scale = Math.min(box.width / 128, box.height / 128);
  const at = (x: number, y: number) => [box.x + (box.width - 128 * scale) / 2 + x * scale, box.y + (box.height - 128 * scale) / 2 + y * scale] as const;
  await page.mouse.move(...at(MASK[0], MASK[1]));
  await page.mouse.down();
  await page.mouse.move(...at(MASK[0] + MASK[2] / 2, MASK[1] + MASK[3] / 2), { steps: 4 });
  await page.mouse.move(...at(MASK[0] + MASK[2], MASK[1] + MASK[3]), { steps: 4 });
  await page.mouse.up();
  const drawn = page.getByTestId('mask-rect');
  await expect(drawn).toHaveCount(1);
  const [x, y, w, h] = (await drawn.getAttribute('data-rect'))!.split(',').map(Number);
  for (const [got, want] of [[x, MASK[0]], [y, MASK[1]], [w, MASK[2]], [h, MASK[3]]] as const) expect(Math.abs(got! - want)).toBeLessThanOrEqual(1);
  await page.getByTestId('mask-remove').click();
  await expect(drawn).toHaveCount(0);
  for (const [field, value] of [['mask-x', MASK[0]], ['mask-y', MASK[1]], ['mask-width', MASK[2]], ['mask-height', MASK[3]]] as const) {
    await page.getByTestId(field).fill(String(value));
  }
  await page.getByTestId('mask-add').click();
  await expect(drawn).toHaveAttribute('data-rect', MASK.join(','));

  // Re-run the series: every slice is masked there, and nothing else changed.
  await page.getByTestId('mask-rerun-series').click();
  await expect(ct.getByTestId('deid-pixels-cleaned')).toHaveAttribute('data-value', '4', { timeout: 120_000 });
  await expect(page.getByTestId('deid-summary')).toHaveAttribute('data-outputs', '6');
  await expect.poll(async () => Math.max(...(await canvasRed(after, MASK)))).toBe(0);
  const outside = [0, 80, 128, 48] as const;
  expect(await canvasRed(after, outside)).toEqual(await canvasRed(before, outside));
  await page.getByTestId('deid-review-frame').fill('0');
  await expect(review).toHaveAttribute('data-loaded-index', '0');
  await expect.poll(async () => Math.max(...(await canvasRed(after, MASK)))).toBe(0);

  // The rectangles are saved with the policy, under the series' pseudonymous UID.
  const saved = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve) => {
      const r = indexedDB.open('enclave');
      r.onsuccess = () => resolve(r.result);
    });
    const projects = await new Promise<{ name: string; settings: { deidPolicy?: { pixelRules?: unknown } } }[]>((resolve) => {
      const get = db.transaction('projects').objectStore('projects').getAll();
      get.onsuccess = () => resolve(get.result as never);
    });
    db.close();
    return projects.find((p) => p.name === 'Masks')?.settings.deidPolicy?.pixelRules;
  });
  expect(saved).toEqual({
    regionRules: [], useDefaultRules: true,
    handDrawn: [{ seriesRef: expect.stringMatching(/^2\.25\.\d+$/), rows: 128, columns: 128, rectangles: [[...MASK]] }],
  });

  // A flagged frame opens the review at its series and frame.
  const flagged = page.getByTestId('deid-flagged-open').first();
  await expect(flagged).toBeVisible();
  const flaggedKey = (await flagged.getAttribute('data-series-key'))!;
  const flaggedFrame = (await flagged.getAttribute('data-frame'))!;
  expect(flaggedKey).not.toBe(await ct.getAttribute('data-series-key'));
  await flagged.click();
  await expect(review).toHaveAttribute('data-series-key', flaggedKey);
  await expect(review).toHaveAttribute('data-frame-index', flaggedFrame);
  await expect(review).toHaveAttribute('data-loaded-index', flaggedFrame);
  await expect(page.getByTestId('mask-draw-surface')).toHaveCount(0);
});

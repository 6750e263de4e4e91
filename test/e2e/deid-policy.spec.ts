import { expect, test } from '@playwright/test';
import { createProject, goToStep, openApp } from './support/app';

test('overrides and the safe list are edited in the policy editor, checked against the dictionary, and saved with the project', async ({ page }) => {
  await openApp(page);
  await createProject(page, 'Overrides');
  await goToStep(page, 'deidentify');
  await expect(page.getByTestId('policy-safe')).toBeVisible();

  // A tag typed by hand becomes the keyword; the Annex E default is shown beside the override.
  await page.getByTestId('override-attribute').fill('(0010,0010)');
  await page.getByTestId('override-new-action').selectOption('K');
  await page.getByTestId('override-add').click();
  const row = page.getByTestId('override-row');
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute('data-key', 'PatientName');
  await expect(row).toHaveAttribute('data-action', 'K');
  await expect(row.getByTestId('override-default')).toHaveText('Z');
  await expect(page.locator('[data-testid="policy-risk"][data-field="overrides.PatientName"]')).toContainText('Table E.1-1 says Z');

  // Overrides that protect more say nothing; an unknown attribute is refused by name.
  await page.getByTestId('override-attribute').fill('StudyDescription');
  await page.getByTestId('override-new-action').selectOption('X');
  await page.getByTestId('override-add').click();
  await expect(row).toHaveCount(2);
  await expect(page.locator('[data-testid="policy-risk"][data-field="overrides.StudyDescription"]')).toHaveCount(0);
  await page.getByTestId('override-attribute').fill('PatientShoeSize');
  await page.getByTestId('override-add').click();
  await expect(page.getByTestId('override-error')).toContainText('"PatientShoeSize" is not a DICOM attribute');
  await expect(row).toHaveCount(2);

  // Changing the action of an override to a protective one removes its risk.
  await page.locator('[data-testid="override-row"][data-key="PatientName"]').getByTestId('override-action').selectOption('X');
  await expect(page.locator('[data-testid="policy-risk"][data-field="overrides.PatientName"]')).toHaveCount(0);
  await page.locator('[data-testid="override-row"][data-key="PatientName"]').getByTestId('override-action').selectOption('C');
  await expect(page.locator('[data-testid="policy-risk"][data-field="overrides.PatientName"]')).toContainText('only cleaned');

  // Safe-list mode: keep a few attributes; a PHI-bearing one is named in the risks.
  await page.getByTestId('policy-mode').selectOption('safe-list');
  for (const key of ['BodyPartExamined', '00100020', 'BodyPartExamined']) {
    await page.getByTestId('safe-list-attribute').fill(key);
    await page.getByTestId('safe-list-add').click();
  }
  const entries = page.getByTestId('safe-list-entry');
  await expect(entries).toHaveCount(2);
  await expect(entries.nth(1)).toHaveAttribute('data-key', 'PatientID');
  await expect(page.locator('[data-testid="policy-risk"][data-field="safeList.PatientID"]')).toContainText('Table E.1-1 says Z');

  // Everything survives a reload: it is saved with the project.
  await page.reload();
  await goToStep(page, 'deidentify');
  await expect(page.getByTestId('policy-mode')).toHaveValue('safe-list');
  await expect(entries).toHaveCount(2);
  await expect(row).toHaveCount(2);
  await expect(page.locator('[data-testid="override-row"][data-key="PatientName"]')).toHaveAttribute('data-action', 'C');

  await page.locator('[data-testid="safe-list-entry"][data-key="PatientID"]').getByTestId('safe-list-remove').click();
  await expect(entries).toHaveCount(1);
  await expect(page.locator('[data-testid="policy-risk"][data-field="safeList.PatientID"]')).toHaveCount(0);
  await page.locator('[data-testid="override-row"][data-key="PatientName"]').getByTestId('override-remove').click();
  await page.locator('[data-testid="override-row"][data-key="StudyDescription"]').getByTestId('override-remove').click();
  await page.getByTestId('policy-mode').selectOption('profile');
  await expect(page.getByTestId('policy-safe')).toBeVisible();
});

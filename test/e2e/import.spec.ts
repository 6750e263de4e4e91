import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { zipSync } from 'fflate';
import { gzipSync } from 'fflate';
import { generateSampleSet } from '../../src/lib/synthetic';
import { buildNifti1, sampleSpec } from '../unit/ingest/nifti-fixture';
import { goToStep, openApp } from './support/app';

const CORPUS_DICOMDIR = '../shared/corpus/dicom/dicomdir';
const VIDEO = 'test/fixtures/ingest/clip-vp9.webm';
const MP4 = 'test/fixtures/ingest/clip-h264.mp4';

/** A folder as a researcher would drop it: DICOMDIR media, a zip of echo loops, and videos. */
async function makeDropFolder(): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), 'enclave-drop-'));
  cpSync(CORPUS_DICOMDIR, join(root, 'media'), { recursive: true });
  const sample = await generateSampleSet({ seed: 7, patients: 2, echoStudies: 2, ct: false, mr: false });
  const entries: Record<string, Uint8Array> = {};
  for (const file of sample.files) entries[`echo/${file.path}`] = file.bytes;
  writeFileSync(join(root, 'echo-loops.zip'), zipSync(entries, { level: 0 }));
  cpSync(VIDEO, join(root, 'clip-vp9.webm'));
  cpSync(MP4, join(root, 'clip-h264.mp4'));
  cpSync('test/fixtures/ingest/still.png', join(root, 'still.png'));
  writeFileSync(join(root, 'volume.nii.gz'), gzipSync(buildNifti1(sampleSpec({ dims: [16, 12, 5] }))));
  writeFileSync(join(root, 'notes.txt'), 'not a scan');
  return root;
}

test('imports a folder with a DICOMDIR, a zip and videos, plays a cine loop and exports the CSV', async ({ page }) => {
  test.skip(!existsSync(CORPUS_DICOMDIR), `needs the shared corpus at ${CORPUS_DICOMDIR}`);
  const folder = await makeDropFolder();
  try {
    await openApp(page);
    await goToStep(page, 'import');
    await page.getByTestId('folder-input').setInputFiles(folder);

    const report = page.getByTestId('import-report');
    await expect(report).toBeVisible({ timeout: 120_000 });
    // 17 DICOMDIR files present + 2 echo loops from the zip + 2 videos + a PNG + a NIfTI volume.
    await expect(report).toHaveAttribute('data-added', '23');
    await expect(page.getByTestId('skipped-table')).toContainText('notes.txt');
    // The DICOMDIR lists 31 files; those not on the media are reported, not silently dropped.
    await expect(page.getByTestId('skipped-table')).toContainText('DICOMDIR');
    await expect(page.locator('[data-testid="series-item"][data-modality="MR"]')).not.toHaveCount(0);

    // A cine loop from the zip plays at its own frame rate.
    await page.locator('[data-testid="series-item"][data-modality="US"]').first().click();
    const viewer = page.getByTestId('viewer');
    await expect(viewer).toHaveAttribute('data-frame-count', '16');
    await expect(page.getByTestId('viewer-fps')).toContainText('(FrameTime)');
    await page.getByTestId('viewer-play').click();
    await expect.poll(async () => Number(await viewer.getAttribute('data-frame-index')), { timeout: 15_000 }).toBeGreaterThan(2);
    await page.getByTestId('viewer-stop').click();
    const header = page.getByTestId('header-table');
    await expect(header.locator('tr[data-keyword="PatientName"]').first()).toHaveAttribute('data-phi', 'true');
    await expect(header.locator('tr[data-keyword="Rows"]').first()).toHaveAttribute('data-phi', 'false');

    // The videos decode in the browser.
    for (const kind of ['clip-vp9.webm', 'clip-h264.mp4']) {
      await page.locator('[data-testid="other-item"]', { hasText: kind }).click();
      await expect(page.getByTestId('viewer')).toHaveAttribute('data-frame-count', '10');
      await expect(page.getByTestId('viewer-frame')).toHaveText('frame 1 / 10');
    }

    // A still image and a NIfTI volume open in the same viewer.
    await page.locator('[data-testid="other-item"][data-kind="image"]').click();
    await expect(page.getByTestId('viewer')).toHaveAttribute('data-frame-count', '1');
    await page.locator('[data-testid="other-item"][data-kind="nifti"]').click();
    await expect(page.getByTestId('viewer')).toHaveAttribute('data-frame-count', '5');
    await page.getByTestId('viewer-canvas').hover();
    await page.mouse.wheel(0, 120);
    await expect(page.getByTestId('viewer-frame')).toHaveText('frame 2 / 5');

    // The metadata CSV: one row per series, and no PHI unless asked for.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const csv = readFileSync((await download.path()) ?? '', 'utf8');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toContain('modality');
    expect(lines.length - 1).toBe(await page.getByTestId('metadata-row').count());
    expect(csv).not.toMatch(/FAKE\^|Doe\^|FAKE-000/);
    expect(csv).not.toMatch(/\b2\.25\.\d{10,}/);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('a long import shows progress, can be cancelled, and keeps what was read', async ({ page }) => {
  const folder = mkdtempSync(join(tmpdir(), 'enclave-many-'));
  try {
    // 600 small echo loops: enough that the import is still running when cancel is pressed.
    const sample = await generateSampleSet({ seed: 11, patients: 2, echoStudies: 2, ct: false, mr: false });
    const loop = sample.files[0]!.bytes;
    for (let i = 0; i < 600; i++) writeFileSync(join(folder, `loop-${String(i).padStart(4, '0')}.dcm`), loop);
    await openApp(page);
    await goToStep(page, 'import');
    await page.getByTestId('folder-input').setInputFiles(folder);
    const progress = page.getByTestId('import-progress');
    await expect(progress).toHaveAttribute('data-stage', 'scan');
    await expect.poll(async () => Number(await progress.getAttribute('data-done'))).toBeGreaterThan(5);
    await page.getByTestId('cancel-import').click();

    const report = page.getByTestId('import-report');
    await expect(report).toContainText('cancelled');
    const added = Number(await report.getAttribute('data-added'));
    expect(added).toBeGreaterThan(0);
    expect(added).toBeLessThan(600);
    // What was read is kept and usable: same SOP instance, so one series with duplicate flags.
    await expect(page.getByTestId('series-item').first()).toContainText(`${added} files`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

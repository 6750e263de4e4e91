import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { unzipSync } from 'fflate';
import { goToStep, loadSampleAndDeidentify } from './support/app';

/** Fake PHI the sample set carries (src/lib/synthetic): none of it may reach a dataset. */
const SAMPLE_PHI = /FAKE\^|FAKE-0\d{3}|FAKEACC|FAKE-MRN|Enclave Synthetic Hospital|1 Fake Street/;
const LABELS_CSV = join(import.meta.dirname, '../../public/sample/labels.csv');
const ECHO_STUDIES = readFileSync(LABELS_CSV, 'utf8').trim().split('\n').length - 1;

test('sample → de-identify → cine dataset with labels and patient splits, kept over a reload, exported as .npy, MP4 and JSON', async ({ page }) => {
  // De-identification with OCR, 22 clips through the recipe and 22 MP4 encodes on a CPU-only WebGPU.
  test.setTimeout(480_000);
  await loadSampleAndDeidentify(page);

  await goToStep(page, 'dataset');
  const recipe = JSON.parse(await page.getByTestId('recipe-json').inputValue()) as { kind: string; steps: { op: string }[] };
  expect(recipe.kind).toBe('cine');
  // Preview every step on the second clip: the input, then one frame after each step.
  await page.getByTestId('preview-scan').fill('2');
  await page.getByTestId('preview-run').click();
  const steps = page.getByTestId('preview-step');
  await expect(steps.first()).toHaveAttribute('data-op', 'input', { timeout: 120_000 });
  await expect(steps.first()).toHaveAttribute('data-shape', '16x144x192x1');
  await expect(steps.last()).toHaveAttribute('data-shape', '32x112x112x1');

  await page.getByTestId('dataset-name').fill('Echo clips');
  await page.getByTestId('dataset-build').click();
  const report = page.getByTestId('dataset-build-report');
  await expect(report).toHaveAttribute('data-stored', String(ECHO_STUDIES), { timeout: 300_000 });
  await expect(report).toHaveAttribute('data-failed', '0');

  // The labels CSV is keyed by the ORIGINAL file paths and IDs: it is translated, and every clip gets its label.
  await page.getByTestId('labels-file').setInputFiles(LABELS_CSV);
  await expect(page.getByTestId('labels-summary')).toHaveAttribute('data-labelled', String(ECHO_STUDIES));
  await expect(page.getByTestId('labels-summary')).not.toContainText('FAKE');

  await page.getByTestId('split-seed').fill('7');
  await page.getByTestId('split-make').click();
  const rows = page.getByTestId('split-row');
  await expect(rows).toHaveCount(3);
  const scansPerSplit = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-items'))));
  expect(scansPerSplit.reduce((a, b) => a + b, 0)).toBe(ECHO_STUDIES);

  // A reload keeps the dataset, its labels and its splits (IndexedDB), though the scans themselves are gone from memory.
  await page.reload();
  await expect(page.getByTestId('app-shell')).toHaveAttribute('data-ready', 'true');
  await goToStep(page, 'dataset');
  const row = page.getByTestId('dataset-row');
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute('data-scans', String(ECHO_STUDIES));
  await expect(row).toHaveAttribute('data-status', 'ready');
  await expect(page.getByTestId('split-row')).toHaveCount(3);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('dataset-export').click()]);
  const zip = unzipSync(new Uint8Array(readFileSync((await download.path()) ?? '')));
  const names = Object.keys(zip);
  expect(names).toEqual(expect.arrayContaining(['npy/scans.npy', 'npy/shapes.json', 'scans.csv', 'recipe.json', 'labels.csv', 'labels.json', 'splits.json']));
  // labels.csv: one row per clip, with its split and its translated label.
  const labelsCsv = Buffer.from(zip['labels.csv']!).toString('utf8').trim().split(/\r?\n/);
  expect(labelsCsv).toHaveLength(ECHO_STUDIES + 1);
  expect(labelsCsv[0]).toMatch(/^\uFEFF?item,patient,study,split,reduced_function,ejection_fraction/);
  expect(names.filter((n) => n.endsWith('.mp4'))).toHaveLength(ECHO_STUDIES);
  for (const [name, bytes] of Object.entries(zip)) {
    expect(name).not.toMatch(SAMPLE_PHI);
    if (!name.endsWith('.npy') && !name.endsWith('.mp4')) expect(Buffer.from(bytes).toString('utf8'), name).not.toMatch(SAMPLE_PHI);
  }
  // No patient is in two splits.
  const splits = JSON.parse(Buffer.from(zip['splits.json']!).toString('utf8')) as { splits: Record<string, { patients: string[] }> };
  const patients = Object.values(splits.splits).flatMap((p) => p.patients);
  expect(patients.length).toBeGreaterThan(3);
  expect(new Set(patients).size).toBe(patients.length);

  // Outside readers: numpy loads the stacked tensor; ffprobe decodes a clip with the right size and frame count.
  const dir = mkdtempSync(join(tmpdir(), 'enclave-dataset-'));
  writeFileSync(join(dir, 'scans.npy'), zip['npy/scans.npy']!);
  const mp4 = names.find((n) => n.endsWith('.mp4'))!;
  writeFileSync(join(dir, 'clip.mp4'), zip[mp4]!);
  const numpy = execFileSync('/usr/bin/python3', ['-c', 'import numpy, sys; a = numpy.load(sys.argv[1]); print(a.dtype, a.shape, bool(numpy.isfinite(a).all()))', join(dir, 'scans.npy')]).toString().trim();
  expect(numpy).toBe(`float32 (${ECHO_STUDIES}, 32, 112, 112, 1) True`);
  const probe = execFileSync('ffprobe', ['-v', 'error', '-count_frames', '-select_streams', 'v:0', '-show_entries', 'stream=codec_name,width,height,nb_read_frames', '-of', 'csv=p=0', join(dir, 'clip.mp4')]).toString().trim();
  expect(probe).toBe('h264,112,112,32');

  // Quick labels by keyboard replace the CSV's: 1 and 2 label two clips, z takes the second back.
  await page.getByTestId('quick-column').fill('quality');
  await page.getByTestId('quick-classes').fill('good, poor');
  await page.getByTestId('quick-start').click();
  const labeller = page.getByTestId('quick-labeller');
  await labeller.focus();
  await page.keyboard.press('1');
  await page.keyboard.press('2');
  await expect(labeller).toHaveAttribute('data-labelled', '2');
  await page.keyboard.press('z');
  await expect(labeller).toHaveAttribute('data-labelled', '1');
  await expect(labeller).toHaveAttribute('data-index', '1');
  await page.keyboard.press('2');
  await page.getByTestId('quick-save').click();
  await expect(page.getByTestId('labels-summary')).toHaveAttribute('data-labelled', '2');
  await expect(page.getByTestId('labels-summary')).toContainText('quality: good 1, poor 1');
});

import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { modelToFiles, PRETRAINED_CATALOGUE, PUBLIC_MODEL_SOURCES } from '../../src/lib/ml/model-io';
import { foreignMobileNetV1 } from '../unit/ml/model-io/fixtures';
import { buildSampleEchoDataset, goToStep, loadSampleAndDeidentify } from './support/app';
import { findEgressViolations, recordRequests } from './support/egress';

/**
 * A stand-in for a public MobileNet made by the test (Keras layer names, a few thousand weights,
 * 32×32×3 input): nothing is fetched from a hub. It is both the dropped folder and what the
 * routed "download" serves.
 */
async function standInFiles(): Promise<{ folder: string; modelJson: Buffer; weights: Buffer }> {
  const model = foreignMobileNetV1(32);
  const { modelJson, weights } = await modelToFiles(model);
  model.dispose();
  const folder = join(mkdtempSync(join(tmpdir(), 'enclave-pretrained-')), 'mobilenet-standin');
  mkdirSync(folder);
  const json = Buffer.from(JSON.stringify(modelJson));
  writeFileSync(join(folder, 'model.json'), json);
  writeFileSync(join(folder, 'weights.bin'), weights);
  return { folder, modelJson: json, weights: Buffer.from(weights) };
}

test('pretrained weights: from a folder, and from the catalogue as a confirmed GET-only download; then a run fine-tunes from one on WebGPU', async ({ page, context, baseURL }) => {
  test.setTimeout(900_000);
  const files = await standInFiles();
  const requests = recordRequests(context);
  const entry = PRETRAINED_CATALOGUE[0]!;
  const served: { url: string; method: string; cookie?: string; referer?: string }[] = [];
  await context.route(`${entry.url.replace('model.json', '')}*`, async (route) => {
    const request = route.request();
    const headers = await request.allHeaders();
    served.push({ url: request.url(), method: request.method(), cookie: headers.cookie, referer: headers.referer });
    const body = request.url().endsWith('model.json') ? files.modelJson : files.weights;
    await route.fulfill({ status: 200, body, headers: { 'access-control-allow-origin': '*' } });
  });

  await loadSampleAndDeidentify(page, 'Pretrained');
  await buildSampleEchoDataset(page);
  await goToStep(page, 'train');
  const rows = page.getByTestId('base-model-row');
  // From a folder: model.json and weights.bin.
  await page.getByTestId('base-folder').setInputFiles(files.folder);
  await expect(rows).toHaveCount(1, { timeout: 60_000 });
  await expect(rows.first()).toHaveAttribute('data-source', 'files');
  await expect(rows.first()).toContainText('mobilenet-standin');

  // A typed address outside the page's policy is refused before anything is fetched.
  await page.getByText('Public ImageNet models (download)').click();
  await page.getByTestId('base-url').fill('https://models.example.org/net/model.json');
  await page.getByTestId('base-url-download').click();
  await expect(page.getByTestId('download-confirm')).toContainText('This is a download only');
  await page.getByTestId('download-yes').click();
  await expect(page.locator('[data-testid="notice"][data-error-name="InvalidInputError"]')).toContainText('models.example.org is refused');

  // A catalogue model: the confirmation names the file and the host before anything is fetched.
  expect(served).toEqual([]);
  await page.locator(`[data-testid="catalogue-entry"][data-id="${entry.id}"]`).getByTestId('catalogue-download').click();
  await expect(page.getByTestId('download-confirm')).toContainText(`Enclave will download ${entry.url} from storage.googleapis.com`);
  await page.getByTestId('download-yes').click();
  await expect(rows).toHaveCount(2, { timeout: 60_000 });
  await expect(rows.nth(1)).toHaveAttribute('data-source', 'catalogue');
  const folder = entry.url.replace('model.json', '');
  expect(served).toEqual([
    { url: entry.url, method: 'GET', cookie: undefined, referer: undefined },
    { url: `${folder}weights.bin`, method: 'GET', cookie: undefined, referer: undefined },
  ]);
  // Apart from those two GETs, nothing left the app's origin, and no request carried a body.
  const appOrigin = new URL(baseURL ?? page.url()).origin;
  const unexpected = findEgressViolations(requests, appOrigin).filter((v) => !(
    v.why === 'other-origin' && v.request.method === 'GET' && PUBLIC_MODEL_SOURCES.some((source) => v.request.url.startsWith(source))));
  expect(unexpected).toEqual([]);

  // Fine-tune from the downloaded model: cut before its classifier, last block trained, per frame.
  await page.getByTestId('run-name').fill('From ImageNet stand-in');
  await page.getByTestId('run-label').selectOption('reduced_function');
  await page.getByTestId('run-base').selectOption({ label: `pretrained: ${entry.name}` });
  await expect(page.getByTestId('run-cut')).toHaveValue('global_average_pooling2d_1');
  await page.getByTestId('run-unfreeze').fill('1');
  await page.getByTestId('run-epochs').fill('2');
  await page.getByTestId('run-start').click();
  const run = page.getByTestId('run-row');
  await expect(run).toHaveAttribute('data-status', 'finished', { timeout: 600_000 });
  await expect(run).toContainText('webgpu');
  await expect(run).toHaveAttribute('data-pretrained', new RegExp(`^${entry.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(${entry.id}; ${entry.url}`));
  await expect(page.getByTestId('run-charts')).toHaveAttribute('data-epochs', '2');
});

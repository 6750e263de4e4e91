import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { datasetReader, parseDicomBytes } from '../../src/lib/dicom/parse';
import { createProject, goToStep, openApp } from './support/app';
import { CT_SLICES, importSampleFiles, indexedDbDump, runDeid } from './support/deid';

const SAMPLE_PHI = /FAKE\^|FAKE-0\d{3}|FAKE-MRN|FAKEACC|Enclave Synthetic Hospital|1 Fake Street/;

/** Every file under an Origin Private File System folder, by path, as base64. */
async function readOpfs(page: Page, folder: string): Promise<Record<string, string>> {
  return page.evaluate(async (name) => {
    type Dir = FileSystemDirectoryHandle & { entries(): AsyncIterable<[string, FileSystemHandle]> };
    const out: Record<string, string> = {};
    async function walk(dir: Dir, prefix: string): Promise<void> {
      for await (const [entryName, handle] of dir.entries()) {
        if (handle.kind === 'directory') await walk(handle as Dir, `${prefix}${entryName}/`);
        else {
          const bytes = new Uint8Array(await (await (handle as FileSystemFileHandle).getFile()).arrayBuffer());
          let binary = '';
          for (const b of bytes) binary += String.fromCharCode(b);
          out[`${prefix}${entryName}`] = btoa(binary);
        }
      }
    }
    const root = await navigator.storage.getDirectory();
    await walk((await root.getDirectoryHandle(name)) as Dir, '');
    return out;
  }, folder);
}

test('export into a chosen folder (driven through the Origin Private File System): pseudonym/study/series layout, reports, files that parse', async ({ page }) => {
  await openApp(page);
  await createProject(page, 'Folder export');
  await goToStep(page, 'import');
  await importSampleFiles(page, [...CT_SLICES(3), 'echo/FAKE-0002/FAKEACC00004.dcm']);
  await goToStep(page, 'deidentify');
  await runDeid(page, 4);
  const summary = page.getByTestId('deid-summary');
  if ((await summary.getAttribute('data-export-allowed')) === 'false') await page.getByTestId('deid-acknowledge').check();
  await expect(summary).toHaveAttribute('data-export-allowed', 'true');

  // The folder picker answers with a folder of the Origin Private File System.
  await page.evaluate(() => {
    (window as unknown as { showDirectoryPicker: () => Promise<FileSystemDirectoryHandle> }).showDirectoryPicker = async () =>
      (await navigator.storage.getDirectory()).getDirectoryHandle('enclave-export', { create: true });
  });
  await page.getByTestId('deid-export-folder').click();
  await expect(page.getByTestId('deid-folder-result')).toHaveAttribute('data-files', '7');

  const files = await readOpfs(page, 'enclave-export');
  const paths = Object.keys(files).sort();
  expect(paths.filter((p) => !p.endsWith('.dcm'))).toEqual(['deid-audit.csv', 'deid-audit.json', 'leftover-phi.json']);
  const dicom = paths.filter((p) => p.endsWith('.dcm'));
  expect(dicom).toHaveLength(4);
  for (const path of dicom) {
    expect(path).toMatch(/^ENC-[A-Z2-7]{12}\/2\.25\.\d+\/2\.25\.\d+\/2\.25\.\d+\.dcm$/);
    const bytes = new Uint8Array(Buffer.from(files[path]!, 'base64'));
    const [pseudonym, study, series, instance] = path.split('/');
    const reader = datasetReader(parseDicomBytes(bytes, { mode: 'full' }));
    expect(reader.string('PatientName')).toBe(pseudonym);
    expect(reader.string('StudyInstanceUID')).toBe(study);
    expect(reader.string('SeriesInstanceUID')).toBe(series);
    expect(`${reader.string('SOPInstanceUID')}.dcm`).toBe(instance);
    expect(reader.string('PatientIdentityRemoved')).toBe('YES');
    expect(Buffer.from(bytes).toString('latin1')).not.toMatch(SAMPLE_PHI);
  }
  // Three CT slices share a series folder; the echo loop has its own study.
  expect(new Set(dicom.map((p) => p.split('/').slice(0, 3).join('/'))).size).toBe(2);
  const audit = JSON.parse(Buffer.from(files['deid-audit.json']!, 'base64').toString('utf8')) as { files: unknown[] };
  expect(audit.files).toHaveLength(4);
});

test('an exported pseudonym map imported into another project gives the same patients the same pseudonyms; never in clear in IndexedDB', async ({ page }) => {
  await openApp(page);
  await createProject(page, 'First session');
  await goToStep(page, 'import');
  await importSampleFiles(page, CT_SLICES(2));
  await goToStep(page, 'deidentify');
  await runDeid(page, 2, 'map passphrase one');
  const pseudonym = (await page.getByTestId('deid-pseudonyms').first().textContent())!.trim();
  expect(pseudonym).toMatch(/^ENC-[A-Z2-7]{12}$/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('deid-export-map').click()]);
  const mapFile = readFileSync((await download.path()) ?? '');
  expect(mapFile.toString('utf8')).not.toMatch(SAMPLE_PHI);

  // Another project has another secret: without the map, the same patient gets another pseudonym.
  await createProject(page, 'Later session');
  await goToStep(page, 'deidentify');
  await expect(page.getByTestId('map-import')).toHaveAttribute('data-stored', 'false');
  await runDeid(page, 2);
  await expect(page.getByTestId('deid-pseudonyms').first()).not.toHaveText(pseudonym);

  // A wrong passphrase is refused with a message a person can act on, and nothing is stored.
  await page.getByTestId('map-import').locator('summary').click();
  await page.getByTestId('map-import-passphrase').fill('not the passphrase');
  await page.getByTestId('map-import-file').setInputFiles({ name: 'map.json', mimeType: 'application/json', buffer: mapFile });
  const failure = page.locator('[data-error-name="DecryptionFailedError"]');
  await expect(failure).toContainText('the passphrase is wrong');
  await expect(page.getByTestId('map-import')).toHaveAttribute('data-stored', 'false');

  await page.getByTestId('map-import-passphrase').fill('map passphrase one');
  await page.getByTestId('map-import-file').setInputFiles({ name: 'map.json', mimeType: 'application/json', buffer: mapFile });
  await expect(page.getByTestId('map-import-result')).toHaveAttribute('data-patients', '1');
  await expect(page.getByTestId('map-import')).toHaveAttribute('data-stored', 'true');

  // A run with another passphrase cannot open the project's map: refused before any work.
  await page.getByTestId('deid-passphrase').fill('wrong');
  await page.getByTestId('deid-run').click();
  await expect(failure.last()).toContainText('could not be decrypted');

  await runDeid(page, 2, 'map passphrase one');
  await expect(page.getByTestId('deid-pseudonyms').first()).toHaveText(pseudonym);

  // IndexedDB holds the map only as ciphertext: no fake identifier anywhere in the database.
  const dump = await indexedDbDump(page);
  expect(dump).not.toMatch(SAMPLE_PHI);
  expect(dump).not.toContain('FAKE');
  const maps = (JSON.parse(dump) as { pseudonymMaps: object[] }).pseudonymMaps;
  expect(maps.map((m) => Object.keys(m).sort())).toEqual([
    ['ciphertext', 'iv', 'kdf', 'projectId', 'salt', 'updatedAt'], ['ciphertext', 'iv', 'kdf', 'projectId', 'salt', 'updatedAt'],
  ]);
});

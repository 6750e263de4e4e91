/**
 * Ingest benchmark in the browser: the built app's ingest worker imports a folder through the
 * folder picker (walk, post File handles, header scan, study tree), timed from choosing the
 * folder to the import report. Needs `npm run build` first.
 *
 *   npx tsx bench/ingest-browser.ts [--slices 400]
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { openBenchBrowser } from './tools/browser';
import { benchCtSeries, writeToTempFolder } from './tools/ct-series';

const args = process.argv.slice(2);
const slicesArg = args.indexOf('--slices');
const SLICES = slicesArg >= 0 ? Number(args[slicesArg + 1]) : 400;

function folderBytes(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path);
    if (stat.isDirectory()) {
      const inner = folderBytes(path);
      files += inner.files;
      bytes += inner.bytes;
    } else {
      files++;
      bytes += stat.size;
    }
  }
  return { files, bytes };
}

async function timeImport(page: Page, folder: string, label: string): Promise<void> {
  const { files, bytes } = folderBytes(folder);
  await page.reload();
  await page.getByTestId('app-shell').and(page.locator('[data-ready="true"]')).waitFor();
  // Chromium's file chooser does not read the files; the clock starts when the page has them.
  await page.evaluate(() => {
    const input = document.querySelector<HTMLInputElement>('[data-testid="folder-input"]');
    input?.addEventListener('change', () => ((window as unknown as { importStarted: number }).importStarted = performance.now()), { once: true, capture: true });
  });
  const handed = performance.now();
  await page.getByTestId('folder-input').setInputFiles(folder);
  await page.getByTestId('import-report').waitFor({ timeout: 600_000 });
  const pageSeconds = await page.evaluate(() => (performance.now() - (window as unknown as { importStarted: number }).importStarted) / 1000);
  const handSeconds = (performance.now() - handed) / 1000 - pageSeconds;
  const seconds = pageSeconds;
  const added = await page.getByTestId('import-report').getAttribute('data-added');
  console.log(
    `${label.padEnd(40)} ${String(files).padStart(5)} files (${added} imported)  ${(files / seconds).toFixed(0).padStart(6)} files/s  ` +
      `${(bytes / 1e6 / seconds).toFixed(0).padStart(5)} MB/s  ${seconds.toFixed(2)} s (+${handSeconds.toFixed(2)} s for the test driver to hand over the files)`,
  );
}

async function main(): Promise<void> {
  const bench = await openBenchBrowser();
  const ct = writeToTempFolder(benchCtSeries(SLICES));
  try {
    console.log(`Browser (${await bench.browser.version()}), ingest worker, picker → import report:\n`);
    await timeImport(bench.page, ct.dir, `CT ${SLICES}×512×512 header scan`);
    const corpus = resolve(process.cwd(), '../shared/corpus/dicom');
    try {
      statSync(corpus);
      await timeImport(bench.page, corpus, 'corpus header scan');
    } catch {
      console.log(`(corpus not found at ${corpus}: skipped)`);
    }
  } finally {
    rmSync(ct.dir, { recursive: true, force: true });
    await bench.close();
  }
}

await main();

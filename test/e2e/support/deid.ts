import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Locator, type Page } from '@playwright/test';

/** The sample set the build writes (npm run assets): originals with fake PHI. */
export const SAMPLE_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../../public/sample');

/** Imports some sample files through the file picker (not the whole set: runs stay short). */
export async function importSampleFiles(page: Page, paths: readonly string[]): Promise<void> {
  await page.getByTestId('file-input').setInputFiles(paths.map((path) => ({
    name: path.split('/').pop()!, mimeType: 'application/dicom', buffer: readFileSync(join(SAMPLE_DIR, path)),
  })));
  await expect(page.getByTestId('import-report')).toHaveAttribute('data-added', String(paths.length), { timeout: 60_000 });
}

export const CT_SLICES = (count: number): string[] =>
  Array.from({ length: count }, (_, i) => `ct/FAKE-0006/slice-${String(i + 1).padStart(3, '0')}.dcm`);

/** Runs de-identification and waits for `outputs` files. */
export async function runDeid(page: Page, outputs: number, passphrase = ''): Promise<void> {
  await page.getByTestId('deid-passphrase').fill(passphrase);
  await page.getByTestId('deid-run').click();
  await expect(page.getByTestId('deid-summary')).toHaveAttribute('data-outputs', String(outputs), { timeout: 300_000 });
  await expect(page.getByTestId('deid-run')).toBeEnabled();
}

/** The series row whose label mentions a modality ("…: CT …"). */
export function seriesRow(page: Page, modality: string): Locator {
  return page.locator(`[data-testid="deid-series-row"][data-label*=": ${modality} "]`);
}

/** Red channel values of a canvas region (frame pixels). */
export async function canvasRed(canvas: Locator, region: readonly [number, number, number, number]): Promise<number[]> {
  return canvas.evaluate((c: HTMLCanvasElement, r: number[]) => {
    const data = c.getContext('2d')!.getImageData(r[0]!, r[1]!, r[2]!, r[3]!).data;
    const out: number[] = [];
    for (let i = 0; i < data.length; i += 4) out.push(data[i]!);
    return out;
  }, [...region]);
}

/** Every record of every object store of the app's database, as JSON (typed arrays become numbers). */
export async function indexedDbDump(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('enclave');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const dump: Record<string, unknown[]> = {};
    for (const name of Array.from(db.objectStoreNames)) {
      dump[name] = await new Promise<unknown[]>((resolve) => {
        const get = db.transaction(name).objectStore(name).getAll();
        get.onsuccess = () => resolve(get.result as unknown[]);
      });
    }
    db.close();
    return JSON.stringify(dump, (_, value: unknown) => (ArrayBuffer.isView(value) ? Array.from(value as Uint8Array) : value instanceof ArrayBuffer ? Array.from(new Uint8Array(value)) : value));
  });
}

import { zipSync, type Zippable } from 'fflate';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { clearInflateCursors } from '../../../src/lib/ingest/inflate';
import type { ImportSource } from '../../../src/lib/ingest/import-source';
import { isSkippedItem, type SkippedItem } from '../../../src/lib/ingest/skipped';
import { expandZip } from '../../../src/lib/ingest/zip';
import { collect, countingImportSource } from './helpers';

const text = (s: string) => new TextEncoder().encode(s);

function pattern(length: number, seed = 7): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = i % 3 === 0 ? x >>> 24 : i & 0xff; // some entropy, still compressible
  }
  return out;
}

/** Flips bits in every local and central header of the entry named `name` (flags or method). */
function patchEntry(zip: Uint8Array, name: string, patch: { flags?: number; method?: number }): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  const nameBytes = text(name);
  const matches = (at: number) => nameBytes.every((b, i) => out[at + i] === b);
  for (let at = 0; at + 46 < out.length; at++) {
    const sig = view.getUint32(at, true);
    if (sig === 0x04034b50 && view.getUint16(at + 26, true) === nameBytes.length && matches(at + 30)) {
      if (patch.flags !== undefined) view.setUint16(at + 6, view.getUint16(at + 6, true) | patch.flags, true);
      if (patch.method !== undefined) view.setUint16(at + 8, patch.method, true);
    }
    if (sig === 0x02014b50 && view.getUint16(at + 28, true) === nameBytes.length && matches(at + 46)) {
      if (patch.flags !== undefined) view.setUint16(at + 8, view.getUint16(at + 8, true) | patch.flags, true);
      if (patch.method !== undefined) view.setUint16(at + 10, patch.method, true);
    }
  }
  return out;
}

const isSource = (r: ImportSource | SkippedItem): r is ImportSource => !isSkippedItem(r);

afterEach(() => clearInflateCursors());

describe('expandZip', () => {
  const big = pattern(4 * 1024 * 1024);
  const deflated = pattern(300_000, 11);
  const files: Zippable = {
    'export/big.raw': [big, { level: 0 }],
    'export/series/IM0002': deflated,
    'export/series/IM0001': [text('stored small'), { level: 0 }],
    'export/empty-folder/': new Uint8Array(0),
    '__MACOSX/export/._IM0001': text('fork'),
    '__MACOSX/export/._IM0002': text('fork'),
    'export/.DS_Store': text('x'),
    'readme.txt': text('not an image'),
  };
  const archive = zipSync(files);

  it('lists entries in name order as lazy sources, with system files as rows', async () => {
    const results = await collect(expandZip(countingImportSource('drop/export.zip', archive)));
    expect(results.map((r) => (isSkippedItem(r) ? `skip ${r.path}: ${r.reason}` : `file ${r.path} ${r.size}`))).toEqual([
      `file drop/export.zip/export/big.raw ${big.length}`,
      'file drop/export.zip/export/series/IM0001 12',
      'file drop/export.zip/export/series/IM0002 300000',
      'file drop/export.zip/readme.txt 12',
      'skip drop/export.zip/__MACOSX/: macOS resource-fork folder (__MACOSX): not part of the scans (2 files)',
      'skip drop/export.zip/export/.DS_Store: macOS folder settings (.DS_Store): not part of the scans',
    ]);
  });

  it('reads only the directory and the ranges asked for, not the whole archive', async () => {
    const outer = countingImportSource('export.zip', archive);
    const entries = (await collect(expandZip(outer))).filter(isSource);
    const afterListing = outer.counter.bytesRead;
    expect(afterListing).toBeLessThan(70 * 1024); // zip.js reads the tail to find the directory
    const bigEntry = entries[0]!;
    const slice = await bigEntry.open().read(3_000_000, 16);
    expect([...slice]).toEqual([...big.subarray(3_000_000, 3_000_016)]);
    for (const entry of entries) await entry.open().read(0, 1024);
    expect(outer.counter.bytesRead - afterListing).toBeLessThan(400 * 1024);
    expect(outer.counter.bytesRead).toBeLessThan(archive.length / 8);
  });

  it('inflates deflated entries on demand, forwards and backwards', async () => {
    const entries = (await collect(expandZip(countingImportSource('a.zip', archive)))).filter(isSource);
    const entry = entries.find((e) => e.path.endsWith('IM0002'))!;
    const bytes = entry.open();
    expect([...(await bytes.read(250_000, 10))]).toEqual([...deflated.subarray(250_000, 250_010)]);
    expect([...(await bytes.read(5, 10))]).toEqual([...deflated.subarray(5, 15)]);
    expect([...(await bytes.read(299_995, 100))]).toEqual([...deflated.subarray(299_995)]);
    expect((await bytes.read(400_000, 10)).length).toBe(0);
    expect(new TextDecoder().decode(await entries.find((e) => e.path.endsWith('IM0001'))!.open().read(0, 100))).toBe('stored small');
  });

  it('makes encrypted and oddly compressed entries rows with reasons', async () => {
    let patched = patchEntry(archive, 'export/series/IM0001', { flags: 1 });
    patched = patchEntry(patched, 'readme.txt', { method: 12 });
    const rows = (await collect(expandZip(countingImportSource('p.zip', patched)))).filter(isSkippedItem);
    expect(rows.map((r) => [r.path, r.code])).toContainEqual(['p.zip/export/series/IM0001', 'encrypted']);
    expect(rows.find((r) => r.path === 'p.zip/export/series/IM0001')?.reason).toBe(
      'zip entry is encrypted: password-protected archives are not supported; unzip it first',
    );
    expect(rows.find((r) => r.path === 'p.zip/readme.txt')?.reason).toMatch(/compression method 12/);
  });

  it('opens a zip inside a zip, stored or deflated', async () => {
    const inner = zipSync({ 'IM1': text('inner one'), 'sub/IM2': [text('inner two'), { level: 0 }] });
    for (const level of [0, 6] as const) {
      const outer = zipSync({ 'nested/inner.zip': [inner, { level }] });
      const [innerSource] = (await collect(expandZip(countingImportSource('outer.zip', outer)))).filter(isSource);
      const entries = (await collect(expandZip(innerSource!))).filter(isSource);
      expect(entries.map((e) => e.path)).toEqual(['outer.zip/nested/inner.zip/IM1', 'outer.zip/nested/inner.zip/sub/IM2']);
      expect(new TextDecoder().decode(await entries[1]!.open().read(0, 50))).toBe('inner two');
    }
  });

  it('never starts a web worker', async () => {
    const Worker = vi.fn(() => {
      throw new Error('no workers here');
    });
    vi.stubGlobal('Worker', Worker);
    try {
      const entries = (await collect(expandZip(countingImportSource('a.zip', archive)))).filter(isSource);
      await entries[2]!.open().read(0, 300_000);
      expect(Worker).not.toHaveBeenCalled();
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('says a damaged or truncated archive is damaged', async () => {
    const rows = await collect(expandZip(countingImportSource('cut.zip', archive.subarray(0, archive.length - 100))));
    expect(rows).toEqual([
      { kind: 'skipped', path: 'cut.zip', code: 'damaged', reason: 'zip archive is damaged or cut short (its table of contents is missing or unreadable)' },
    ]);
  });
});

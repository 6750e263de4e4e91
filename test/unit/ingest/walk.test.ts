import { describe, expect, it } from 'vitest';
import { isSkippedItem } from '../../../src/lib/ingest/skipped';
import { walkEntries, walkFiles, walkHandles, type EntryLike, type HandleLike, type WalkResult } from '../../../src/lib/ingest/walk';
import { collect, fakeEntry, fakeHandle, fileOf, type FakeTree } from './helpers';

const b = (text: string) => new TextEncoder().encode(text);

const tree: FakeTree = {
  'IM0003': b('three'),
  'IM0001': b('one'),
  '.DS_Store': b('x'),
  'Thumbs.db': b('x'),
  '__MACOSX': { '._IM0001': b('x') },
  'series2': { 'IM0010': b('ten'), 'deep': { 'IM0100': b('hundred') }, '._IM0010': b('x') },
  'IM0002': b('two'),
  'gone.dcm': new Error('moved'),
};

function rows(results: WalkResult[]): string[] {
  return results.map((r) => (isSkippedItem(r) ? `skip ${r.path} (${r.code})` : `file ${r.path} ${r.size}`));
}

describe('walkEntries (drag and drop FileSystemEntry)', () => {
  it('reads directories batch after batch until empty, recursively, in name order, skipping system files', async () => {
    const results = await collect(walkEntries([fakeEntry('study', tree, 2)]));
    expect(rows(results)).toEqual([
      'skip study/.DS_Store (system)',
      'file study/IM0001 3',
      'file study/IM0002 3',
      'file study/IM0003 5',
      'skip study/Thumbs.db (system)',
      'skip study/__MACOSX/ (system)',
      'skip study/gone.dcm (unreadable)',
      'skip study/series2/._IM0010 (system)',
      'file study/series2/IM0010 3',
      'file study/series2/deep/IM0100 7',
    ]);
    const gone = results.find((r) => r.path === 'study/gone.dcm');
    expect(gone && isSkippedItem(gone) ? gone.reason : '').toContain('moved');
  });

  it('returns lazily readable sources (File handles)', async () => {
    const [first] = await collect(walkEntries([fakeEntry('a.dcm', b('hello'))]));
    expect(first && !isSkippedItem(first) && first.blob).toBeInstanceOf(File);
    const bytes = first && !isSkippedItem(first) ? await first.open().read(1, 3) : undefined;
    expect(new TextDecoder().decode(bytes)).toBe('ell');
  });

  it('gets every child even when the browser returns 100 per call', async () => {
    const many: FakeTree = Object.fromEntries(Array.from({ length: 250 }, (_, i) => [`f${String(i).padStart(3, '0')}`, b('x')]));
    const results = await collect(walkEntries([fakeEntry('many', many, 100)]));
    expect(results).toHaveLength(250);
    expect(results[249]?.path).toBe('many/f249');
  });

  it('stops with CancelledError when the signal fires', async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    await expect(async () => {
      for await (const r of walkEntries([fakeEntry('study', tree)], { signal: controller.signal })) {
        seen.push(r.path);
        controller.abort();
      }
    }).rejects.toMatchObject({ name: 'CancelledError' });
    expect(seen).toHaveLength(1);
  });

  it('accepts the DOM types as they are', () => {
    // Compile-time check: the browser's entry types fit the structural interface.
    const asEntry = (e: FileSystemEntry): EntryLike => e;
    const asDirectory = (e: FileSystemDirectoryEntry): EntryLike => e;
    const asFile = (e: FileSystemFileEntry): EntryLike => e;
    const asHandle = (h: FileSystemFileHandle): HandleLike => h;
    expect([asEntry, asDirectory, asFile, asHandle]).toHaveLength(4);
  });
});

describe('walkHandles (File System Access handles)', () => {
  it('walks values() recursively with the same paths and reasons', async () => {
    const results = await collect(walkHandles([fakeHandle('study', tree)]));
    expect(rows(results)).toEqual(rows(await collect(walkEntries([fakeEntry('study', tree)]))));
  });
});

describe('walkFiles (input type=file, webkitdirectory)', () => {
  it('uses webkitRelativePath and skips files inside system folders', () => {
    const withPath = (name: string, path: string) => Object.defineProperty(fileOf(b('x'), name), 'webkitRelativePath', { value: path });
    const results = [...walkFiles([withPath('IM1', 'export/IM1'), withPath('._IM1', 'export/__MACOSX/._IM1'), fileOf(b('x'), 'loose.png')])];
    expect(rows(results)).toEqual(['file export/IM1 1', 'skip export/__MACOSX/._IM1 (system)', 'file loose.png 1']);
  });
});

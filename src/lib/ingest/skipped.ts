/**
 * A file (or folder) that the import did not take, and why, in words a researcher understands.
 * These are rows in the import report, never exceptions: one bad file must not stop the rest.
 */
export type SkipCode =
  /** Hidden or operating-system files: .DS_Store, Thumbs.db, __MACOSX/, dot files. */
  | 'system'
  /** A format we recognise or not, but cannot import. */
  | 'unsupported'
  | 'empty'
  | 'encrypted'
  /** Truncated, corrupt, or not what its first bytes claim. */
  | 'damaged'
  /** Referenced by a DICOMDIR but not among the dropped files. */
  | 'missing'
  /** Too big to open in the way this format needs (e.g. a deflated zip inside a zip). */
  | 'too-large'
  /** The browser or disk refused to give us the bytes. */
  | 'unreadable';

export interface SkippedItem {
  kind: 'skipped';
  path: string;
  code: SkipCode;
  reason: string;
}

export function skipped(path: string, code: SkipCode, reason: string): SkippedItem {
  return { kind: 'skipped', path, code, reason };
}

export function isSkippedItem(value: unknown): value is SkippedItem {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'skipped';
}

const SYSTEM_FILES: Record<string, string> = {
  '.ds_store': 'macOS folder settings (.DS_Store)',
  'thumbs.db': 'Windows thumbnail cache (Thumbs.db)',
  'ehthumbs.db': 'Windows thumbnail cache (ehthumbs.db)',
  'desktop.ini': 'Windows folder settings (desktop.ini)',
  '__macosx': 'macOS resource-fork folder (__MACOSX)',
  '$recycle.bin': 'Windows recycle bin',
  'system volume information': 'Windows system folder',
  '.spotlight-v100': 'macOS search index',
  '.trashes': 'macOS trash',
  '.fseventsd': 'macOS file-system log',
};

/**
 * Why a file or folder name is one we skip without reading it, or undefined if it is not.
 * Dot files are hidden by convention (AppleDouble "._x" companions, ".git"); DICOM media never
 * use them, because PS3.10 file IDs are upper-case letters, digits and underscores.
 */
export function systemFileReason(name: string): string | undefined {
  const lower = name.toLowerCase();
  const known = SYSTEM_FILES[lower];
  if (known) return `${known}: not part of the scans`;
  if (lower.startsWith('._')) return 'macOS resource fork (._ file): not part of the scans';
  if (lower.startsWith('.')) return 'hidden file: not part of the scans';
  return undefined;
}

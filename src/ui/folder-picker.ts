import type { DirectoryLike } from '../lib/workspace/deid-folder';

/** showDirectoryPicker (File System Access API): Chromium-based browsers only, so always optional. */
type DirectoryPicker = (options?: { mode?: 'readwrite' }) => Promise<DirectoryLike>;

function picker(): DirectoryPicker | undefined {
  return (window as unknown as { showDirectoryPicker?: DirectoryPicker }).showDirectoryPicker;
}

export function canPickFolder(): boolean {
  return typeof picker() === 'function';
}

/** A folder the person chose to write into, or null when they closed the picker (or cannot pick). */
export async function pickFolder(): Promise<DirectoryLike | null> {
  const pick = picker();
  if (!pick) return null;
  try {
    return await pick({ mode: 'readwrite' });
  } catch {
    return null; // the person closed the picker
  }
}

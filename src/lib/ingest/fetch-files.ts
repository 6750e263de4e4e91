import type { JobOptions } from '../jobs';
import { EnclaveError, throwIfCancelled } from '../jobs';

export interface RemoteFileEntry {
  /** Path relative to the base URL, with forward slashes. */
  path: string;
  /** Expected size in bytes, used for progress before the response says. */
  size: number;
}

/**
 * Fetches files that the app itself serves (the bundled sample set) into memory as Files, in
 * order, reporting bytes as progress. Same-origin only: a base URL on another origin is refused
 * here as well as by the CSP, because sample loading must never become a way out.
 */
export async function fetchOwnFiles(
  entries: readonly RemoteFileEntry[],
  baseUrl: URL,
  appOrigin: string,
  options: JobOptions & { fetchFn?: typeof fetch } = {},
): Promise<File[]> {
  if (baseUrl.origin !== appOrigin) {
    throw new EnclaveError('InvalidInputError', `Sample data must come from this app (${appOrigin}), not ${baseUrl.origin}.`);
  }
  const fetchFn = options.fetchFn ?? fetch;
  const total = entries.reduce((sum, entry) => sum + entry.size, 0);
  let done = 0;
  const files: File[] = [];
  for (const entry of entries) {
    throwIfCancelled(options.signal, 'Loading the sample data');
    const url = new URL(entry.path, baseUrl);
    let response: Response;
    try {
      response = await fetchFn(url, options.signal ? { signal: options.signal } : undefined);
    } catch (error) {
      throwIfCancelled(options.signal, 'Loading the sample data');
      throw new EnclaveError('NotFoundError', `Could not read ${entry.path} (${(error as Error).message}). If you are offline, open the app once while online so it can keep a copy.`, { cause: error });
    }
    if (!response.ok) {
      throw new EnclaveError('NotFoundError', `The app could not find ${entry.path} (HTTP ${response.status}). The build may be incomplete: run "npm run assets" and rebuild.`);
    }
    const blob = await response.blob();
    const name = entry.path.split('/').pop() ?? entry.path;
    files.push(new File([blob], name, { type: blob.type || 'application/dicom' }));
    done += entry.size;
    options.onProgress?.({ stage: 'download', done: Math.min(done, total), total, message: entry.path });
  }
  return files;
}

import type { Progress } from '../lib/jobs';
import { EnclaveError } from '../lib/jobs';
import { fetchOwnFiles } from '../lib/ingest/fetch-files';
import type { SampleManifest } from '../lib/synthetic/manifest';
import type { NoticesState } from './notices.svelte';

/** Where the build puts the bundled sample set (see `npm run assets`). */
const SAMPLE_BASE = 'sample/';

export interface LoadedSample {
  manifest: SampleManifest;
  files: File[];
  labelsCsv: string;
  failed: number;
}

/**
 * The bundled sample studies, fetched from the app's own origin into memory. Like a person's own
 * files they are held in the tab and never stored: only de-identified data reach IndexedDB.
 */
export class SampleDataState {
  loaded = $state<LoadedSample | null>(null);
  progress = $state<Progress | undefined>(undefined);
  loading = $state(false);
  #abort: AbortController | undefined;
  #notices: NoticesState;

  constructor(notices: NoticesState) {
    this.#notices = notices;
  }

  async load(): Promise<void> {
    if (this.loading) return;
    this.loading = true;
    this.#abort = new AbortController();
    const signal = this.#abort.signal;
    try {
      const base = new URL(SAMPLE_BASE, document.baseURI);
      const manifest = await fetchJson<SampleManifest>(new URL('manifest.json', base), signal);
      const [files, labelsCsv] = await Promise.all([
        fetchOwnFiles(manifest.files, base, location.origin, { signal, onProgress: (p) => (this.progress = p) }),
        fetchText(new URL(manifest.labelsPath, base), signal),
      ]);
      this.loaded = { manifest, files, labelsCsv, failed: manifest.files.length - files.length };
    } catch (error) {
      if (signal.aborted) this.#notices.info('Cancelled', 'Loading the sample data was cancelled.');
      else this.#notices.error(error);
    } finally {
      this.loading = false;
      this.progress = undefined;
      this.#abort = undefined;
    }
  }

  cancel(): void {
    this.#abort?.abort();
  }
}

async function fetchJson<T>(url: URL, signal: AbortSignal): Promise<T> {
  return JSON.parse(await fetchText(url, signal)) as T;
}

async function fetchText(url: URL, signal: AbortSignal): Promise<string> {
  const response = await fetch(url, { signal });
  if (!response.ok) {
    throw new EnclaveError('NotFoundError', `The sample data are missing from this build (${url.pathname}: HTTP ${response.status}). Run "npm run assets" and rebuild.`);
  }
  return response.text();
}

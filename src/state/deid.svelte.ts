import { base64ToBytes, bytesToBase64, envelopeToJson, generateProjectSecret, type EncryptedEnvelope, type StoredEnvelope } from '../lib/deid/crypto';
import { defaultPolicy, validatePolicy, type DeidPolicy } from '../lib/deid/policy';
import type { JsonValue } from '../lib/store/schema';
import type { Progress } from '../lib/jobs';
import type { DeidSummary } from '../lib/workspace/deid-summary';
import type { DirectoryLike } from '../lib/workspace/deid-folder';
import { progressProxy } from '../bridge/worker-client';
import type { ImportsState } from './imports.svelte';
import type { NoticesState } from './notices.svelte';
import type { ProjectsState } from './projects.svelte';

/**
 * The de-identification step: the project's policy (saved with the project), a run over what
 * was imported (or a re-run of one series), its summary, and the export to a zip or a folder.
 * The de-identified files stay in the ingest worker until exported; only the encrypted
 * pseudonym map is kept in IndexedDB, and it is opened in the worker, never here.
 */
export class DeidState {
  summary = $state.raw<DeidSummary | null>(null);
  progress = $state<Progress | undefined>(undefined);
  running = $state(false);
  /** Whether the project keeps an encrypted pseudonym map (its contents are never known here). */
  mapStored = $state(false);
  policy = $derived<DeidPolicy>(this.#policyOfProject());
  #imports: ImportsState;
  #projects: ProjectsState;
  #notices: NoticesState;

  constructor(imports: ImportsState, projects: ProjectsState, notices: NoticesState) {
    this.#imports = imports;
    this.#projects = projects;
    this.#notices = notices;
  }

  async setPolicy(policy: DeidPolicy): Promise<void> {
    await this.#projects.saveSettings({ deidPolicy: policy as unknown as JsonValue });
  }

  /** A policy file (e.g. one the CLI uses): validated first, so a bad field is named, not saved. */
  async loadPolicyJson(text: string): Promise<void> {
    try {
      await this.setPolicy(validatePolicy(JSON.parse(text)));
    } catch (error) {
      this.#notices.error(
        error instanceof SyntaxError ? { name: 'DeidPolicyError', message: `This policy file is not valid JSON (${error.message}).` } : error,
      );
    }
  }

  async resetPolicy(): Promise<void> {
    await this.setPolicy(defaultPolicy());
  }

  /** De-identifies everything imported; `seriesKey` re-runs that series only and keeps the rest. */
  async run(passphrase: string, seriesKey?: string): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const secret = await this.#projectSecret();
      const storedMap = await this.#storedMap();
      const summary = await this.#imports.client.api.deidentify(
        JSON.stringify(this.policy),
        secret,
        {
          passphrase: passphrase || undefined, ocr: true, storedMap,
          ...(seriesKey ? { seriesKeys: [seriesKey], keepOtherSeries: this.summary !== null } : {}),
        },
        progressProxy((p) => (this.progress = p)),
      );
      this.summary = summary;
      if (summary.pseudonymMap) await this.#saveMap(summary.pseudonymMap);
    } catch (error) {
      this.#notices.error(error);
    } finally {
      this.running = false;
      this.progress = undefined;
    }
  }

  async cancel(): Promise<void> {
    await this.#imports.client.api.cancelDeid();
  }

  async refresh(acknowledgeWarnings: boolean): Promise<void> {
    this.summary = await this.#imports.client.api.deidSummary({ acknowledgeWarnings });
  }

  async exportZip(acknowledgeWarnings: boolean): Promise<Blob | null> {
    try {
      return await this.#imports.client.api.exportDeidZip({ acknowledgeWarnings });
    } catch (error) {
      this.#notices.error(error);
      return null;
    }
  }

  /** Writes the export into a folder handle (from showDirectoryPicker); the number of files written, or null. */
  async exportToFolder(folder: DirectoryLike, acknowledgeWarnings: boolean): Promise<number | null> {
    try {
      const result = await this.#imports.client.api.exportDeidToFolder(folder, { acknowledgeWarnings }, progressProxy((p) => (this.progress = p)));
      return result.files;
    } catch (error) {
      this.#notices.error(error);
      return null;
    } finally {
      this.progress = undefined;
    }
  }

  /** The encrypted map as a file the person can keep elsewhere (useless without the passphrase). */
  pseudonymMapFile(): string | null {
    const envelope = this.summary?.pseudonymMap;
    return envelope ? envelopeToJson(envelope, 'pseudonym-map') : null;
  }

  /**
   * Imports an exported map file into the project: opened and merged in the worker, stored again
   * only sealed. Returns the number of patients it now holds, or null (the notice says why).
   */
  async importPseudonymMap(fileText: string, passphrase: string): Promise<number | null> {
    try {
      const result = await this.#imports.client.api.importPseudonymMap(fileText, passphrase, await this.#storedMap());
      if (!(await this.#saveMap(result.envelope))) return null;
      this.#notices.info('Pseudonym map imported', `The project's map now holds ${result.patients} patient(s); ${result.added} came from the file${result.conflicts ? `, ${result.conflicts} already had another pseudonym here (kept)` : ''}.`);
      return result.patients;
    } catch (error) {
      this.#notices.error(error);
      return null;
    }
  }

  /** Another project was opened: the last run's results belong to the previous one. */
  forgetRun(): void {
    this.summary = null;
  }

  async refreshMapStored(): Promise<void> {
    this.mapStored = (await this.#storedMap()) !== undefined;
  }

  async #saveMap(envelope: EncryptedEnvelope): Promise<boolean> {
    const saved = await this.#projects.savePseudonymMap(envelope);
    if (saved) this.mapStored = true;
    return saved;
  }

  async #storedMap(): Promise<StoredEnvelope | undefined> {
    const record = await this.#projects.pseudonymMap();
    if (!record) return undefined;
    const { ciphertext, salt, iv, kdf } = record;
    return { ciphertext, salt, iv, kdf };
  }

  #policyOfProject(): DeidPolicy {
    const stored = this.#projects.current?.settings.deidPolicy;
    if (stored === undefined) return defaultPolicy();
    try {
      return validatePolicy(stored);
    } catch {
      // A policy saved by an older Enclave that no longer validates: fall back to the safe one.
      return defaultPolicy();
    }
  }

  /** The per-project key for UID, date and pseudonym HMACs: made once, kept with the project. */
  async #projectSecret(): Promise<Uint8Array> {
    const stored = this.#projects.current?.settings.deidSecret;
    if (typeof stored === 'string') return base64ToBytes(stored);
    const secret = generateProjectSecret();
    await this.#projects.saveSettings({ deidSecret: bytesToBase64(secret) });
    return secret;
  }
}

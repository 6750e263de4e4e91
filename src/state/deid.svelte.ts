import { base64ToBytes, bytesToBase64, envelopeToJson, generateProjectSecret } from '../lib/deid/crypto';
import { defaultPolicy, validatePolicy, type DeidPolicy } from '../lib/deid/policy';
import type { JsonValue } from '../lib/store/schema';
import type { Progress } from '../lib/jobs';
import type { DeidSummary } from '../lib/workspace/deid-summary';
import { progressProxy } from '../bridge/worker-client';
import type { ImportsState } from './imports.svelte';
import type { NoticesState } from './notices.svelte';
import type { ProjectsState } from './projects.svelte';

/**
 * The de-identification step: the project's policy (saved with the project), a run over what
 * was imported, its summary, and the zip export. The de-identified files stay in the ingest
 * worker until exported; only the encrypted pseudonym map is kept in IndexedDB.
 */
export class DeidState {
  summary = $state.raw<DeidSummary | null>(null);
  progress = $state<Progress | undefined>(undefined);
  running = $state(false);
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

  async run(passphrase: string): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const secret = await this.#projectSecret();
      const summary = await this.#imports.client.api.deidentify(
        JSON.stringify(this.policy),
        secret,
        { passphrase: passphrase || undefined, ocr: true },
        progressProxy((p) => (this.progress = p)),
      );
      this.summary = summary;
      if (summary.pseudonymMap) await this.#projects.savePseudonymMap(summary.pseudonymMap);
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

  /** The encrypted map as a file the person can keep elsewhere (useless without the passphrase). */
  pseudonymMapFile(): string | null {
    const envelope = this.summary?.pseudonymMap;
    return envelope ? envelopeToJson(envelope, 'pseudonym-map') : null;
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

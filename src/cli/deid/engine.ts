import type { AuditEntry, PixelOutcome } from '../../lib/deid/audit';
import type { PseudonymEntry } from '../../lib/deid/crypto';
import type { DeidPolicy } from '../../lib/deid/policy';
import type { ParsedDicom } from '../../lib/dicom/parse';

/**
 * The seam between the CLI's pipeline and the de-identification engine proper (header actions,
 * serializer, pixels), so the CLI can be tested with a stub and run with the real engine.
 * Engines are loaded by module URL (worker threads cannot receive functions): the module exports
 * `createEngine(): DeidEngine | Promise<DeidEngine>`. The real one is real-engine.ts.
 */
export interface EngineInput {
  /** The ORIGINAL file, fully parsed. */
  parsed: ParsedDicom;
  policy: DeidPolicy;
  /** The per-project secret (32+ bytes). */
  secret: Uint8Array;
  /** One per worker: the same original UID maps once. */
  uidCache: Map<string, Promise<string>>;
}

export interface EngineOutput {
  /** The de-identified Part 10 file. */
  bytes: Uint8Array;
  audit: AuditEntry[];
  pseudonym: PseudonymEntry;
  pixels: PixelOutcome;
}

export interface DeidEngine {
  deidentify(input: EngineInput): Promise<EngineOutput>;
}

export interface EngineModule {
  createEngine(): DeidEngine | Promise<DeidEngine>;
}

/** The module the CLI uses unless told otherwise. */
export const REAL_ENGINE_MODULE = new URL('./real-engine.ts', import.meta.url).href;

export async function loadEngine(moduleUrl: string): Promise<DeidEngine> {
  const mod = (await import(moduleUrl)) as Partial<EngineModule>;
  if (typeof mod.createEngine !== 'function') throw new Error(`${moduleUrl} does not export createEngine()`);
  return mod.createEngine();
}

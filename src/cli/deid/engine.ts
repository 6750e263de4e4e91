import type { DeidEngine, EngineOptions } from '../../lib/deid/pipeline';

/**
 * The engine seam of the CLI (the engine itself lives in src/lib/deid/pipeline). Engines are
 * loaded by module URL (worker threads cannot receive functions): the module exports
 * `createEngine(options): DeidEngine | Promise<DeidEngine>`. The real one is real-engine.ts;
 * tests pass a stub.
 */
export type { DeidEngine, EngineInput, EngineOutput } from '../../lib/deid/pipeline';

/** What the CLI's options say about the engine (plain data: it crosses into worker threads). */
export interface CliEngineOptions {
  /** OCR burned-in text with tesseract.js when it is installed (--no-ocr: false). */
  ocr: boolean;
}

export interface EngineModule {
  createEngine(options: CliEngineOptions): DeidEngine | Promise<DeidEngine>;
}

/** The module the CLI uses unless told otherwise. */
export const REAL_ENGINE_MODULE = new URL('./real-engine.ts', import.meta.url).href;

export async function loadEngine(moduleUrl: string, options: CliEngineOptions): Promise<DeidEngine> {
  const mod = (await import(moduleUrl)) as Partial<EngineModule>;
  if (typeof mod.createEngine !== 'function') throw new Error(`${moduleUrl} does not export createEngine()`);
  return mod.createEngine(options);
}

export type { EngineOptions };

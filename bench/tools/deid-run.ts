/**
 * Times the shared per-instance pipeline (src/lib/deid/pipeline) on one core, in process:
 * every file in turn, from memory or from disk (read, de-identify, write: what gdcmanon does).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createDeidEngine, deidentifyInstance, type EngineOptions } from '../../src/lib/deid/pipeline';
import { defaultPolicy, type CleanPixelMode, type DeidPolicy } from '../../src/lib/deid/policy';

export interface DeidTiming {
  files: number;
  failed: number;
  cleaned: number;
  /** Input bytes. */
  bytes: number;
  frames: number;
  seconds: number;
}

export function policyWith(cleanPixelData: CleanPixelMode): DeidPolicy {
  const policy = defaultPolicy();
  return { ...policy, options: { ...policy.options, cleanPixelData } };
}

export type BenchInput = { bytes: Uint8Array } | { path: string };

export async function timeDeid(
  inputs: readonly BenchInput[], policy: DeidPolicy, engine: EngineOptions, outDir?: string,
): Promise<DeidTiming> {
  const ctx = { engine: createDeidEngine(engine), policy, secret: new Uint8Array(32).fill(42), uidCache: new Map<string, Promise<string>>() };
  const timing: DeidTiming = { files: inputs.length, failed: 0, cleaned: 0, bytes: 0, frames: 0, seconds: 0 };
  const started = performance.now();
  for (const input of inputs) {
    const bytes = 'bytes' in input ? input.bytes : new Uint8Array(readFileSync(input.path));
    timing.bytes += bytes.length;
    const result = await deidentifyInstance(bytes, ctx);
    if (!result.ok) {
      timing.failed++;
      continue;
    }
    if (result.pixel.cleaned) timing.cleaned++;
    if (outDir) {
      const target = join(outDir, result.outputPath);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, result.bytes);
    }
  }
  timing.seconds = (performance.now() - started) / 1000;
  return timing;
}

export function describeTiming(label: string, t: DeidTiming, extra = ''): string {
  const filesPerSecond = t.files / t.seconds;
  const mbPerSecond = t.bytes / 1e6 / t.seconds;
  return `${label.padEnd(58)} ${t.files} files (${t.cleaned} cleaned, ${t.failed} refused), ${t.seconds.toFixed(2)} s: `
    + `${filesPerSecond.toFixed(1)} files/s, ${mbPerSecond.toFixed(1)} MB/s${extra}`;
}

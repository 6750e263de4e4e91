/**
 * Switching tfjs to one backend and getting rid of one again, with the reasons kept. tfjs
 * reports a failed backend initialisation only through console.warn and a `false`, so the
 * warnings are captured to tell the person *why* (e.g. "WebGL is not supported on this device").
 */
import { findGpuDevice } from './device-loss';
import type { BackendName, Tf } from './types';

export type SwitchResult = { ok: true } | { ok: false; detail: string };

function messageOf(value: unknown): string {
  if (value instanceof Error) return value.message;
  return typeof value === 'string' ? value : String(value);
}

/** Runs `action` while collecting what it writes to console.warn instead of printing it. */
async function captureWarnings<T>(action: () => Promise<T>): Promise<{ result: T; warnings: string[] }> {
  const warnings: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => {
    // tfjs logs the failing stack after the headline; the first line says enough.
    warnings.push(args.map(messageOf).join(' ').split('\n')[0] ?? '');
  };
  try {
    return { result: await action(), warnings };
  } finally {
    console.warn = original;
  }
}

export async function switchBackend(tf: Tf, name: BackendName): Promise<SwitchResult> {
  if (tf.findBackendFactory(name) === null) {
    return { ok: false, detail: `${name} is not available in this browser or context` };
  }
  try {
    const { result, warnings } = await captureWarnings(() => tf.setBackend(name));
    if (!result) {
      // tfjs first logs "Initialization of backend X failed", then the cause: keep the cause.
      const why = warnings
        .filter((w) => w.length > 0 && !w.startsWith('Initialization of backend'))
        .map((w) => w.replace(/^Error: /, ''))
        .join('; ');
      return { ok: false, detail: `${name} could not start${why ? `: ${why}` : ''}` };
    }
    await tf.ready();
    return { ok: true };
  } catch (error) {
    return { ok: false, detail: `${name} could not start: ${messageOf(error)}` };
  }
}

/**
 * Unregisters a backend that was started but rejected, freeing its memory; a WebGPU device is
 * destroyed explicitly because tfjs's dispose() leaves it alive.
 */
export function discardBackend(tf: Tf, name: BackendName): void {
  if (tf.findBackendFactory(name) === null) return;
  let device = null;
  try {
    device = findGpuDevice(tf.engine().registry[name]);
  } catch {
    device = null;
  }
  tf.removeBackend(name);
  device?.destroy();
}

/** Rejects with a plain Error after `ms`, so one hung backend cannot stall start-up forever. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${Math.round(ms / 1000)} s`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

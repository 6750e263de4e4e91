/**
 * Picks the first backend in the preferred order that starts *and* computes a correct gradient.
 * "Starts" is not enough: tfjs has shipped WebGPU kernels that returned zero or wrong gradients
 * on some devices, and a model trained on those learns nothing without any error. So every
 * candidate computes the self-check gradient and is compared with cpu before it is trusted.
 */
import { EnclaveError, throwIfCancelled, type JobOptions } from '../../jobs';
import { discardBackend, switchBackend, withTimeout } from './backend-switch';
import { compareGradients, DEFAULT_GRADIENT_TOLERANCE, type GradientTolerance } from './compare-gradients';
import { computeSelfCheckGradients, type SelfCheckGradients } from './self-check';
import {
  DEFAULT_BACKEND_ORDER,
  type BackendAttempt,
  type BackendName,
  type BackendSelection,
  type SelfCheckResult,
  type Tf,
} from './types';

/** Work to do just before a backend is first started, e.g. telling wasm where its binaries are. */
export type BackendPreparers = Partial<Record<BackendName, () => void | Promise<void>>>;

export interface SelectBackendOptions extends JobOptions {
  order?: readonly BackendName[];
  prepare?: BackendPreparers;
  tolerance?: GradientTolerance;
  /** Per backend: start-up plus self-check. SwiftShader needs seconds to compile the shaders. */
  timeoutMs?: number;
  /** Replaceable so tests can make one backend compute a wrong gradient. */
  computeGradients?: (tf: Tf, backend: BackendName) => Promise<SelfCheckGradients>;
  /** Told of every attempt as it ends, so a caller keeps them even when selection throws. */
  onAttempt?: (attempt: BackendAttempt) => void;
}

/** The selection plus the cpu reference gradient, kept for later re-checks on the same backend. */
export interface SelectionWithReference extends BackendSelection {
  reference: SelfCheckGradients;
}

const REFERENCE_BACKEND = 'cpu';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function toSelfCheckResult(backend: BackendName, grads: SelfCheckGradients, reference: SelfCheckGradients, tolerance: GradientTolerance): SelfCheckResult {
  const comparison = compareGradients(grads.gradients, reference.gradients, reference.names, tolerance);
  return { backend, ...comparison, durationMs: grads.durationMs };
}

async function computeReference(tf: Tf, compute: NonNullable<SelectBackendOptions['computeGradients']>): Promise<SelfCheckGradients> {
  const started = await switchBackend(tf, REFERENCE_BACKEND);
  if (!started.ok) {
    throw new EnclaveError('BackendUnavailableError', `The cpu backend, the reference for the gradient self-check, is missing: ${started.detail}.`);
  }
  const reference = await compute(tf, REFERENCE_BACKEND);
  const check = compareGradients(reference.gradients, reference.gradients, reference.names);
  if (!check.passed || check.referenceNorm === 0) {
    throw new EnclaveError('SelfCheckFailedError', `The reference gradient on cpu is unusable (${check.reason ?? 'all zeros'}); this is a bug in Enclave.`);
  }
  return reference;
}

export async function selectBackend(tf: Tf, options: SelectBackendOptions = {}): Promise<SelectionWithReference> {
  const order = [...new Set(options.order ?? DEFAULT_BACKEND_ORDER)];
  const tolerance = options.tolerance ?? DEFAULT_GRADIENT_TOLERANCE;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const compute = options.computeGradients ?? computeSelfCheckGradients;
  const report = options.onProgress ?? (() => undefined);
  const attempts: BackendAttempt[] = [];

  throwIfCancelled(options.signal, 'Starting the compute engine');
  report({ stage: 'self-check', done: 0, total: 1, message: 'Computing the reference gradient on cpu' });
  const reference = await computeReference(tf, compute);

  for (const [index, backend] of order.entries()) {
    throwIfCancelled(options.signal, 'Starting the compute engine');
    report({ stage: 'backend', done: index, total: order.length, message: `Trying ${backend}` });
    const attempt = await tryBackend(tf, backend, reference, { ...options, compute, tolerance, timeoutMs });
    attempts.push(attempt);
    options.onAttempt?.(attempt);
    if (attempt.outcome === 'selected' && attempt.selfCheck) {
      report({ stage: 'backend', done: order.length, total: order.length, message: `Using ${backend}` });
      return { backend, selfCheck: attempt.selfCheck, attempts, reference };
    }
  }
  const summary = attempts.map((a) => a.detail).join('; ') || 'none was tried';
  throw new EnclaveError(
    'BackendUnavailableError',
    `No compute backend passed its start-up checks (${summary}). Restart the compute engine, or use a browser with WebGPU or WebGL turned on.`,
  );
}

interface TryOptions extends SelectBackendOptions {
  compute: NonNullable<SelectBackendOptions['computeGradients']>;
  tolerance: GradientTolerance;
  timeoutMs: number;
}

async function tryBackend(tf: Tf, backend: BackendName, reference: SelfCheckGradients, options: TryOptions): Promise<BackendAttempt> {
  if (tf.findBackendFactory(backend) === null) {
    return { backend, outcome: 'unavailable', detail: `${backend} is not available in this browser or context` };
  }
  try {
    await options.prepare?.[backend]?.();
  } catch (error) {
    return { backend, outcome: 'error', detail: `${backend} could not be prepared: ${messageOf(error)}` };
  }

  let selfCheck: SelfCheckResult;
  try {
    const started = await withTimeout(switchBackend(tf, backend), options.timeoutMs, `Starting ${backend}`);
    if (!started.ok) return { backend, outcome: 'unavailable', detail: started.detail };
    options.onProgress?.({ stage: 'self-check', done: 0, total: 1, message: `Checking gradients on ${backend}` });
    const grads = backend === REFERENCE_BACKEND
      ? reference
      : await withTimeout(options.compute(tf, backend), options.timeoutMs, `The gradient self-check on ${backend}`);
    selfCheck = toSelfCheckResult(backend, grads, reference, options.tolerance);
    options.onProgress?.({ stage: 'self-check', done: 1, total: 1, message: `Checked gradients on ${backend}` });
  } catch (error) {
    discardQuietly(tf, backend);
    return { backend, outcome: 'error', detail: `${backend} failed during the self-check: ${messageOf(error)}` };
  }

  if (selfCheck.passed) {
    const detail = backend === REFERENCE_BACKEND
      ? 'cpu is the reference; its gradient is finite and non-zero'
      : `${backend} agreed with cpu within ${selfCheck.maxRelError.toExponential(1)} (relative)`;
    return { backend, outcome: 'selected', detail, selfCheck };
  }
  discardQuietly(tf, backend);
  return {
    backend, outcome: 'self-check-failed', selfCheck,
    detail: `${backend} disagreed with cpu by ${selfCheck.maxRelError.toExponential(1)} (relative): ${selfCheck.reason ?? 'unknown reason'}`,
  };
}

/** A rejected backend is unregistered so its GPU memory is freed; failing to do so is harmless. */
function discardQuietly(tf: Tf, backend: BackendName): void {
  if (backend === REFERENCE_BACKEND) return;
  try {
    discardBackend(tf, backend);
  } catch {
    // Nothing depends on the removal; the backend simply stays registered but unused.
  }
}

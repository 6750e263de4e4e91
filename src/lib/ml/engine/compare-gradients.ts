/**
 * Compares the gradients one backend computed with the cpu reference. Pure: arrays in, verdict
 * out, so every way a GPU can be wrong (off by a little, off by a lot, all zeros, NaN) is unit
 * tested on literal numbers.
 */

export interface GradientTolerance {
  /**
   * Allowed error as a fraction of the largest reference magnitude of the same tensor. 1e-2
   * leaves room for float16 WebGL render targets and a different summation order on the GPU,
   * and is still orders of magnitude below what a broken kernel produces.
   */
  relative: number;
  /** Added to the allowance so tensors whose reference is (nearly) zero do not demand exactness. */
  absolute: number;
}

export const DEFAULT_GRADIENT_TOLERANCE: GradientTolerance = { relative: 1e-2, absolute: 1e-6 };

export interface GradientComparison {
  passed: boolean;
  maxAbsError: number;
  maxRelError: number;
  gradientNorm: number;
  referenceNorm: number;
  reason?: string;
}

type Vectors = readonly ArrayLike<number>[];

function l2Norm(vectors: Vectors): number {
  let sum = 0;
  for (const v of vectors) for (let i = 0; i < v.length; i++) sum += (v[i] ?? 0) ** 2;
  return Math.sqrt(sum);
}

function maxMagnitude(v: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < v.length; i++) max = Math.max(max, Math.abs(v[i] ?? 0));
  return max;
}

function countNonFinite(v: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i])) n++;
  return n;
}

function formatError(x: number): string {
  return x.toExponential(1);
}

/**
 * `actual[t]` and `reference[t]` are the flattened gradients of parameter `names[t]`.
 * Failure reasons, most telling first: differing sizes, non-finite values, a tensor that is all
 * zeros where the reference is not (the signature of several past WebGPU kernel bugs), then a
 * plain tolerance excess.
 */
export function compareGradients(
  actual: Vectors,
  reference: Vectors,
  names: readonly string[] = [],
  tolerance: GradientTolerance = DEFAULT_GRADIENT_TOLERANCE,
): GradientComparison {
  const nameOf = (t: number) => names[t] ?? `gradient ${t}`;
  const base = { gradientNorm: l2Norm(actual), referenceNorm: l2Norm(reference) };
  if (actual.length !== reference.length) {
    return {
      ...base, passed: false, maxAbsError: Number.NaN, maxRelError: Number.NaN,
      reason: `expected ${reference.length} gradient tensors, got ${actual.length}`,
    };
  }

  let maxAbsError = 0;
  let maxRelError = 0;
  const nonFinite: string[] = [];
  const allZero: string[] = [];
  const outOfTolerance: string[] = [];
  for (let t = 0; t < reference.length; t++) {
    const a = actual[t] ?? [];
    const r = reference[t] ?? [];
    if (a.length !== r.length) {
      return {
        ...base, passed: false, maxAbsError: Number.NaN, maxRelError: Number.NaN,
        reason: `${nameOf(t)} has ${a.length} values, expected ${r.length}`,
      };
    }
    const scale = maxMagnitude(r);
    if (countNonFinite(a) > 0) nonFinite.push(nameOf(t));
    else if (maxMagnitude(a) === 0 && scale > tolerance.absolute) allZero.push(nameOf(t));
    const allowed = tolerance.relative * scale + tolerance.absolute;
    let tensorMaxAbs = 0;
    for (let i = 0; i < r.length; i++) {
      const err = Math.abs((a[i] ?? 0) - (r[i] ?? 0));
      if (Number.isFinite(err)) tensorMaxAbs = Math.max(tensorMaxAbs, err);
    }
    if (tensorMaxAbs > allowed) outOfTolerance.push(nameOf(t));
    maxAbsError = Math.max(maxAbsError, tensorMaxAbs);
    // Relative to the tensor's scale, not element-wise: tiny reference elements would make an
    // element-wise ratio explode on harmless rounding differences.
    maxRelError = Math.max(maxRelError, tensorMaxAbs / Math.max(scale, tolerance.absolute));
  }

  const summary = { ...base, maxAbsError, maxRelError };
  if (nonFinite.length > 0) {
    return { ...summary, passed: false, reason: `NaN or infinite values in the ${nonFinite.join(', ')} gradient` };
  }
  if (allZero.length > 0) {
    return { ...summary, passed: false, reason: `the ${allZero.join(', ')} gradient is all zeros` };
  }
  if (outOfTolerance.length > 0) {
    return {
      ...summary, passed: false,
      reason: `the ${outOfTolerance.join(', ')} gradient differs from cpu by up to ${formatError(maxRelError)} (relative), more than ${formatError(tolerance.relative)} allowed`,
    };
  }
  return { ...summary, passed: true };
}

import { describe, expect, it } from 'vitest';
import { compareGradients } from '../../../../src/lib/ml/engine/compare-gradients';

const reference = [[1, -2, 0.5], [0.004, -0.002]];
const names = ['weights', 'bias'];

describe('compareGradients', () => {
  it('passes identical gradients with zero error and reports both norms', () => {
    const result = compareGradients(reference, reference, names);
    expect(result).toMatchObject({ passed: true, maxAbsError: 0, maxRelError: 0 });
    expect(result.reason).toBeUndefined();
    // sqrt(1 + 4 + 0.25 + 0.004² + 0.002²) = sqrt(5.25002)
    expect(result.referenceNorm).toBeCloseTo(2.2912922, 6);
    expect(result.gradientNorm).toBe(result.referenceNorm);
  });

  it('passes small differences, measured relative to each tensor\'s own scale', () => {
    const actual = [[1.001, -2.002, 0.5], [0.00401, -0.002]];
    const result = compareGradients(actual, reference, names);
    expect(result.passed).toBe(true);
    expect(result.maxAbsError).toBeCloseTo(0.002, 12);
    // bias: 1e-5 off a scale of 0.004 = 2.5e-3; weights: 0.002 off a scale of 2 = 1e-3.
    expect(result.maxRelError).toBeCloseTo(2.5e-3, 6);
    expect(result.reason).toBeUndefined();
  });

  it('fails a difference beyond the tolerance and names the tensor', () => {
    const actual = [[1, -2, 0.5], [0.004, -0.0025]];
    const result = compareGradients(actual, reference, names);
    expect(result.passed).toBe(false);
    expect(result.maxAbsError).toBeCloseTo(0.0005, 12);
    expect(result.maxRelError).toBeCloseTo(0.125, 9);
    expect(result.reason).toBe('the bias gradient differs from cpu by up to 1.3e-1 (relative), more than 1.0e-2 allowed');
  });

  it('honours a looser tolerance when given one', () => {
    const actual = [[1, -2, 0.5], [0.004, -0.0025]];
    expect(compareGradients(actual, reference, names, { relative: 0.2, absolute: 1e-6 }).passed).toBe(true);
  });

  it('flags an all-zero gradient where the reference is not zero', () => {
    const result = compareGradients([[0, 0, 0], [0.004, -0.002]], reference, names);
    expect(result.passed).toBe(false);
    expect(result.reason).toBe('the weights gradient is all zeros');
    expect(result.maxAbsError).toBe(2);
    expect(result.maxRelError).toBe(1);
    expect(result.gradientNorm).toBeCloseTo(Math.sqrt(0.004 ** 2 + 0.002 ** 2), 12);
  });

  it('accepts zeros where the reference is zero too', () => {
    expect(compareGradients([[0, 0]], [[0, 0]]).passed).toBe(true);
  });

  it('flags NaN and infinite values ahead of everything else', () => {
    const result = compareGradients([[1, Number.NaN, 0.5], [0, 0]], reference, names);
    expect(result.passed).toBe(false);
    expect(result.reason).toBe('NaN or infinite values in the weights gradient');
    expect(result.maxAbsError).toBeCloseTo(0.004, 12); // finite elements only
    const infinite = compareGradients([[1, -2, Number.POSITIVE_INFINITY], [0.004, -0.002]], reference, names);
    expect(infinite.reason).toBe('NaN or infinite values in the weights gradient');
  });

  it('refuses gradients of the wrong count or size', () => {
    expect(compareGradients([[1, -2, 0.5]], reference, names)).toMatchObject({
      passed: false, reason: 'expected 2 gradient tensors, got 1',
    });
    expect(compareGradients([[1, -2], [0.004, -0.002]], reference, names)).toMatchObject({
      passed: false, reason: 'weights has 2 values, expected 3',
    });
  });

  it('works on Float32Arrays and falls back to positional names', () => {
    const result = compareGradients([new Float32Array([0, 0])], [new Float32Array([1, 1])]);
    expect(result.reason).toBe('the gradient 0 gradient is all zeros');
  });
});

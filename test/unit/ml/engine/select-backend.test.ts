import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { Progress } from '../../../../src/lib/jobs';
import { selectBackend } from '../../../../src/lib/ml/engine/select-backend';
import { computeSelfCheckGradients } from '../../../../src/lib/ml/engine/self-check';
import { registerCpuTwin, registerUnstartable } from './cpu-twin-backend';

const cleanups: (() => void)[] = [];
afterEach(async () => {
  cleanups.splice(0).forEach((cleanup) => cleanup());
  await tf.setBackend('cpu');
});

describe('selectBackend', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
    await computeSelfCheckGradients(tf); // warm the cpu kernels so memory baselines are stable
  });

  it('skips missing and failing backends, rejects a zero-gradient backend and picks cpu', async () => {
    // In Node neither webgpu nor webgl is registered; 'no-gl' fails to start like webgl does
    // in a worker without OffscreenCanvas.
    cleanups.push(registerUnstartable('no-gl', 'WebGL is not supported on this device'));
    // 'faulty' runs the cpu kernels, except that conv2d's filter gradient comes back all zeros.
    cleanups.push(registerCpuTwin('faulty', { zeroKernels: ['Conv2DBackpropFilter'] }));
    const progress: Progress[] = [];
    const before = tf.memory().numTensors;

    const selection = await selectBackend(tf, {
      order: ['webgpu', 'webgl', 'no-gl', 'faulty', 'cpu'],
      onProgress: (p) => progress.push(p),
    });

    expect(selection.backend).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(selection.attempts.map((a) => [a.backend, a.outcome])).toEqual([
      ['webgpu', 'unavailable'],
      ['webgl', 'unavailable'],
      ['no-gl', 'unavailable'],
      ['faulty', 'self-check-failed'],
      ['cpu', 'selected'],
    ]);
    const [webgpu, webgl, noGl, faulty] = selection.attempts;
    expect(webgpu?.detail).toBe('webgpu is not available in this browser or context');
    expect(webgl?.detail).toBe('webgl is not available in this browser or context');
    expect(noGl?.detail).toBe('no-gl could not start: WebGL is not supported on this device');
    expect(faulty?.detail).toMatch(/^faulty disagreed with cpu by 1\.0e\+0 \(relative\): the conv filter gradient is all zeros$/);
    expect(faulty?.selfCheck).toMatchObject({ backend: 'faulty', passed: false, maxRelError: 1 });
    expect(faulty?.selfCheck?.gradientNorm).toBeLessThan(faulty?.selfCheck?.referenceNorm ?? 0);
    expect(selection.selfCheck).toMatchObject({ backend: 'cpu', passed: true, maxAbsError: 0, maxRelError: 0 });
    expect(selection.selfCheck.referenceNorm).toBeGreaterThan(0);
    // The rejected backend is unregistered, so nothing can run on it by accident later.
    expect(tf.findBackendFactory('faulty')).toBeNull();
    expect(tf.memory().numTensors).toBe(before);
    expect(progress.map((p) => p.stage)).toContain('self-check');
    expect(progress.at(-1)).toEqual({ stage: 'backend', done: 5, total: 5, message: 'Using cpu' });
  });

  it('prefers a correct backend that comes before cpu', async () => {
    cleanups.push(registerCpuTwin('healthy'));
    const selection = await selectBackend(tf, { order: ['healthy', 'cpu'] });
    expect(selection.backend).toBe('healthy');
    expect(tf.getBackend()).toBe('healthy');
    expect(selection.attempts).toHaveLength(1);
    expect(selection.attempts[0]?.detail).toBe('healthy agreed with cpu within 0.0e+0 (relative)');
  });

  it('reports a backend whose gradient computation throws as an error and moves on', async () => {
    cleanups.push(registerCpuTwin('broken'));
    const selection = await selectBackend(tf, {
      order: ['broken', 'cpu'],
      computeGradients: (t, backend) => {
        if (backend === 'broken') return Promise.reject(new Error('shader compilation failed'));
        return computeSelfCheckGradients(t);
      },
    });
    expect(selection.attempts[0]).toEqual({
      backend: 'broken', outcome: 'error', detail: 'broken failed during the self-check: shader compilation failed',
    });
    expect(selection.backend).toBe('cpu');
  });

  it('flags a backend whose gradient is scaled wrongly, not only zeroed', async () => {
    cleanups.push(registerCpuTwin('scaled'));
    const selection = await selectBackend(tf, {
      order: ['scaled', 'cpu'],
      computeGradients: async (t, backend) => {
        const result = await computeSelfCheckGradients(t);
        if (backend !== 'scaled') return result;
        return { ...result, gradients: result.gradients.map((g) => g.map((x) => x * 1.3)) };
      },
    });
    expect(selection.attempts[0]?.outcome).toBe('self-check-failed');
    expect(selection.attempts[0]?.selfCheck?.maxRelError).toBeCloseTo(0.3, 5);
  });

  it('throws BackendUnavailableError when nothing in the order works, keeping each reason', async () => {
    cleanups.push(registerCpuTwin('faulty2', { zeroKernels: ['Conv2DBackpropFilter'] }));
    const seen: string[] = [];
    await expect(selectBackend(tf, { order: ['webgpu', 'faulty2'], onAttempt: (a) => seen.push(a.outcome) }))
      .rejects.toMatchObject({ name: 'BackendUnavailableError', message: expect.stringMatching(/^No compute backend passed/) });
    expect(seen).toEqual(['unavailable', 'self-check-failed']);
  });

  it('runs the preparation step before starting a backend and reports its failure', async () => {
    cleanups.push(registerCpuTwin('needs-setup'));
    const selection = await selectBackend(tf, {
      order: ['needs-setup', 'cpu'],
      prepare: { 'needs-setup': () => { throw new Error('binaries missing'); } },
    });
    expect(selection.attempts[0]).toEqual({
      backend: 'needs-setup', outcome: 'error', detail: 'needs-setup could not be prepared: binaries missing',
    });
  });

  it('stops with CancelledError when the signal has fired', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(selectBackend(tf, { signal: controller.signal })).rejects.toMatchObject({ name: 'CancelledError' });
  });
});

import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { Progress } from '../../../../src/lib/jobs';
import { createComputeEngine } from '../../../../src/lib/ml/engine/compute-engine';
import { computeSelfCheckGradients } from '../../../../src/lib/ml/engine/self-check';
import { fakeGpuDevice, registerCpuTwin } from './cpu-twin-backend';

const cleanups: (() => void)[] = [];
afterEach(async () => {
  cleanups.splice(0).forEach((cleanup) => cleanup());
  await tf.setBackend('cpu');
});

describe('compute engine', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
    await computeSelfCheckGradients(tf);
  });

  it('starts once, reports progress, and returns plain, cloneable status', async () => {
    let selections = 0;
    const engine = createComputeEngine({
      tf,
      computeGradients: (t) => { selections++; return computeSelfCheckGradients(t); },
    });
    expect((await engine.status()).state).toBe('uninitialised');
    const progress: Progress[] = [];
    const [first, second] = await Promise.all([
      engine.init({ order: ['webgpu', 'cpu'] }, (p) => progress.push(p)),
      engine.init({ order: ['cpu'] }),
    ]);
    expect(second).toBe(first);
    expect(selections).toBe(1); // only the cpu reference; cpu itself reuses it
    expect(structuredClone(first)).toEqual(first);
    expect(first).toMatchObject({ state: 'ready', backend: 'cpu', deviceLoss: null });
    expect(first.attempts.map((a) => a.outcome)).toEqual(['unavailable', 'selected']);
    expect(new Set(progress.map((p) => p.stage))).toEqual(new Set(['self-check', 'backend']));
    expect((await engine.runSelfCheck()).passed).toBe(true);
  });

  it('gives Node diagnostics: no GPU, the tfjs version, memory and the self-check', async () => {
    const engine = createComputeEngine({ tf });
    const before = await engine.diagnostics();
    expect(before).toMatchObject({ state: 'uninitialised', backend: null, memory: null, selfCheck: null });
    await engine.init({ order: ['cpu'] });
    const snapshot = await engine.diagnostics();
    expect(structuredClone(snapshot)).toEqual(snapshot);
    expect(snapshot).toMatchObject({
      state: 'ready', backend: 'cpu', tfjsVersion: '4.22.0',
      gpu: { adapter: null, limits: null, limitsSource: null }, deviceLoss: null,
    });
    expect(snapshot.selfCheck?.passed).toBe(true);
    // The cpu backend always calls its byte count an upper bound, hence unreliable.
    expect(snapshot.memory).toMatchObject({ numTensors: tf.memory().numTensors, unreliable: true, numBytesInGPU: null });
    expect(snapshot.memory?.reasons.length).toBeGreaterThan(0);
    expect(snapshot.environment).toMatchObject({ hasWebGpuApi: false, hasOffscreenCanvas: false, crossOriginIsolated: null });
    expect(snapshot.environment.registeredBackends).toContain('cpu');
    expect(snapshot.environment.registeredBackends).not.toContain('webgpu');
    expect(snapshot.environment.flags.IS_NODE).toBe(true);
  });

  it('records a lost device, fails later work with GpuDeviceLostError and shows it in diagnostics', async () => {
    const device = fakeGpuDevice();
    cleanups.push(registerCpuTwin('fakegpu', { device }));
    const engine = createComputeEngine({ tf });
    const status = await engine.init({ order: ['fakegpu', 'cpu'] });
    expect(status.backend).toBe('fakegpu');
    const heard: string[] = [];
    await engine.onDeviceLost((info) => heard.push(info.reason));

    await engine.simulateDeviceLoss();

    expect(device.destroyed).toBe(1);
    expect(heard).toEqual(['destroyed']);
    // A listener that arrives after the loss hears about it at once.
    await engine.onDeviceLost((info) => heard.push(`late:${info.reason}`));
    expect(heard).toEqual(['destroyed', 'late:destroyed']);
    const lostMessage = 'The GPU device was lost (destroyed). Restart the compute engine to continue; nothing saved was lost.';
    await expect(engine.runSelfCheck()).rejects.toMatchObject({ name: 'GpuDeviceLostError', message: lostMessage });
    await expect(engine.init()).rejects.toMatchObject({ name: 'GpuDeviceLostError' });
    await expect(engine.simulateDeviceLoss()).rejects.toMatchObject({ name: 'GpuDeviceLostError' });
    const snapshot = await engine.diagnostics();
    expect(snapshot.state).toBe('device-lost');
    expect(snapshot.deviceLoss).toMatchObject({ reason: 'destroyed', message: 'Device was destroyed.' });
    expect(snapshot.gpu).toMatchObject({ limitsSource: 'device', adapter: { architecture: 'swiftshader' } });
    expect((await engine.status()).state).toBe('device-lost');
  });

  it('refuses to simulate a device loss without a GPU device', async () => {
    const engine = createComputeEngine({ tf });
    await engine.init({ order: ['cpu'] });
    await expect(engine.simulateDeviceLoss()).rejects.toMatchObject({ name: 'BackendUnavailableError' });
  });

  it('keeps the attempts when no backend works, and may be started again', async () => {
    cleanups.push(registerCpuTwin('bad', { zeroKernels: ['Conv2DBackpropFilter'] }));
    const engine = createComputeEngine({ tf });
    await expect(engine.init({ order: ['bad'] })).rejects.toMatchObject({ name: 'BackendUnavailableError' });
    const failed = await engine.diagnostics();
    expect(failed.state).toBe('failed');
    expect(failed.attempts.map((a) => [a.backend, a.outcome])).toEqual([['bad', 'self-check-failed']]);
    await expect(engine.runSelfCheck()).rejects.toMatchObject({ name: 'BackendUnavailableError' });
    expect((await engine.init({ order: ['cpu'] })).state).toBe('ready');
  });

  it('swallows a progress callback that fails, as a released comlink proxy does', async () => {
    const engine = createComputeEngine({ tf });
    const status = await engine.init({ order: ['cpu'] }, () => Promise.reject(new Error('proxy released')) as unknown as void);
    expect(status.state).toBe('ready');
  });
});

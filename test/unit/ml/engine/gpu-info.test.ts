import { describe, expect, it } from 'vitest';
import { gpuSnapshot, limitsSnapshot, NO_GPU, type GpuLike } from '../../../../src/lib/ml/engine/gpu-info';
import { deviceLostError, findGpuDevice, watchDeviceLoss } from '../../../../src/lib/ml/engine/device-loss';
import { fakeGpuDevice } from './cpu-twin-backend';

/** Real GPUSupportedLimits keep their values in prototype getters; so does this fake. */
class GetterLimits {
  get maxBufferSize() { return 268_435_456; }
  get maxStorageBufferBindingSize() { return 134_217_728; }
  get maxComputeWorkgroupStorageSize() { return 16_384; }
  get maxComputeInvocationsPerWorkgroup() { return 256; }
  get maxComputeWorkgroupSizeX() { return 256; }
  get maxComputeWorkgroupsPerDimension() { return 65_535; }
  get maxStorageBuffersPerShaderStage() { return 8; }
}

const adapterInfo = { vendor: 'intel', architecture: 'gen-12lp', device: '0x9a49', description: 'Intel Iris Xe' };

describe('gpu info', () => {
  it('copies getter-based limits into plain data that survives structuredClone', () => {
    const limits = limitsSnapshot(new GetterLimits());
    expect(structuredClone(limits)).toEqual({
      maxBufferSize: 268_435_456,
      maxStorageBufferBindingSize: 134_217_728,
      maxComputeWorkgroupStorageSize: 16_384,
      maxComputeInvocationsPerWorkgroup: 256,
      maxComputeWorkgroupSizeX: 256,
      maxComputeWorkgroupsPerDimension: 65_535,
      maxStorageBuffersPerShaderStage: 8,
    });
  });

  it('reads adapter.info and adapter limits when there is no device', async () => {
    const gpu: GpuLike = { requestAdapter: async () => ({ info: { ...adapterInfo, isFallbackAdapter: false }, limits: new GetterLimits() }) };
    const snapshot = await gpuSnapshot(null, gpu);
    expect(snapshot.adapter).toEqual({ ...adapterInfo, isFallbackAdapter: false });
    expect(snapshot.limitsSource).toBe('adapter');
    expect(snapshot.limits?.maxStorageBufferBindingSize).toBe(134_217_728);
  });

  it('falls back to requestAdapterInfo() on older browsers', async () => {
    const gpu: GpuLike = { requestAdapter: async () => ({ requestAdapterInfo: async () => adapterInfo, isFallbackAdapter: true }) };
    const snapshot = await gpuSnapshot(null, gpu);
    expect(snapshot).toEqual({ adapter: { ...adapterInfo, isFallbackAdapter: true }, limits: null, limitsSource: null });
  });

  it('prefers the running device and does not ask for an adapter then', async () => {
    const device = fakeGpuDevice();
    const gpu: GpuLike = { requestAdapter: () => Promise.reject(new Error('must not be called')) };
    const snapshot = await gpuSnapshot(device, gpu);
    expect(snapshot.limitsSource).toBe('device');
    expect(snapshot.limits?.maxBufferSize).toBe(1_073_741_824);
    expect(snapshot.adapter).toEqual({ vendor: 'google', architecture: 'swiftshader', device: '', description: 'SwiftShader fake', isFallbackAdapter: null });
  });

  it('is null without WebGPU, and never throws', async () => {
    expect(await gpuSnapshot(null, null)).toEqual(NO_GPU);
    expect(await gpuSnapshot(null, { requestAdapter: async () => null })).toEqual(NO_GPU);
    expect(await gpuSnapshot(null, { requestAdapter: () => Promise.reject(new Error('no')) })).toEqual(NO_GPU);
  });
});

describe('device loss', () => {
  it('finds the device the tfjs webgpu backend keeps in its `device` field, and nothing elsewhere', () => {
    const device = fakeGpuDevice();
    expect(findGpuDevice({ device })).toBe(device);
    expect(findGpuDevice({})).toBeNull();
    expect(findGpuDevice({ device: { lost: 'no' } })).toBeNull();
    expect(findGpuDevice(null)).toBeNull();
  });

  it('reports the loss once with the reason and the browser message', async () => {
    const device = fakeGpuDevice();
    const seen: unknown[] = [];
    watchDeviceLoss(device, (info) => seen.push(info), () => new Date('2026-11-27T10:00:00Z'));
    expect(seen).toEqual([]);
    device.destroy();
    await device.lost;
    expect(seen).toEqual([{ reason: 'destroyed', message: 'Device was destroyed.', at: '2026-11-27T10:00:00.000Z' }]);
  });

  it('turns a loss into a named error with a message a person can act on', () => {
    const error = deviceLostError({ reason: 'unknown', message: '', at: '2026-11-27T10:00:00.000Z' });
    expect(error.name).toBe('GpuDeviceLostError');
    expect(error.message).toBe('The GPU device was lost (unknown). Restart the compute engine to continue; nothing saved was lost.');
  });
});

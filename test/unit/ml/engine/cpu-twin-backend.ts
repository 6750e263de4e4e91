/**
 * Test doubles: backends registered under new names that run the real cpu kernels, optionally
 * with some kernels returning zeros (the shape of real WebGPU gradient bugs) and optionally
 * carrying a fake GPU device, so the whole selection and device-loss path runs in Node.
 */
import * as tf from '@tensorflow/tfjs';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';

export interface FakeGpuDevice {
  lost: Promise<{ reason: string; message: string }>;
  destroy(): void;
  limits: Record<string, number>;
  adapterInfo: Record<string, string>;
  destroyed: number;
}

export function fakeGpuDevice(): FakeGpuDevice {
  let resolveLost: (info: { reason: string; message: string }) => void = () => undefined;
  const device: FakeGpuDevice = {
    lost: new Promise((resolve) => { resolveLost = resolve; }),
    destroy() {
      device.destroyed += 1;
      resolveLost({ reason: 'destroyed', message: 'Device was destroyed.' });
    },
    limits: { maxBufferSize: 1_073_741_824, maxStorageBufferBindingSize: 1_073_741_824, maxComputeWorkgroupStorageSize: 32_768 },
    adapterInfo: { vendor: 'google', architecture: 'swiftshader', device: '', description: 'SwiftShader fake' },
    destroyed: 0,
  };
  return device;
}

function zeroing(kernelFunc: KernelFunc): KernelFunc {
  return (args) => {
    const backend = args.backend as MathBackendCPU;
    const output = kernelFunc(args);
    const outputs: TensorInfo[] = Array.isArray(output) ? output : [output];
    const zeros = outputs.map((info) => {
      const size = info.shape.reduce((a, b) => a * b, 1);
      return backend.makeTensorInfo(info.shape, info.dtype, new Float32Array(size));
    });
    outputs.forEach((info) => backend.disposeIntermediateTensorInfo(info));
    return Array.isArray(output) ? zeros : (zeros[0] as TensorInfo);
  };
}

/** Registers a backend whose start-up fails the way tfjs reports it (a throwing factory). */
export function registerUnstartable(name: string, why: string): () => void {
  tf.registerBackend(name, () => {
    throw new Error(why);
  });
  return () => {
    if (tf.findBackendFactory(name) !== null) tf.removeBackend(name);
  };
}

/** Registers `name`; returns a cleanup that unregisters it and its kernels. */
export function registerCpuTwin(
  name: string,
  options: { zeroKernels?: string[]; device?: FakeGpuDevice } = {},
): () => void {
  tf.registerBackend(name, () => {
    const backend = new MathBackendCPU();
    // Skips the "install tfjs-node" banner each new cpu instance prints on first use in Node.
    Object.assign(backend, { firstUse: false });
    if (options.device) Object.assign(backend, { device: options.device });
    return backend;
  });
  const kernels: KernelConfig[] = tf.getKernelsForBackend('cpu');
  for (const kernel of kernels) {
    const zero = options.zeroKernels?.includes(kernel.kernelName) ?? false;
    tf.registerKernel({ ...kernel, backendName: name, kernelFunc: zero ? zeroing(kernel.kernelFunc) : kernel.kernelFunc });
  }
  return () => {
    if (tf.findBackendFactory(name) !== null) tf.removeBackend(name);
    for (const kernel of kernels) tf.unregisterKernel(kernel.kernelName, name);
  };
}

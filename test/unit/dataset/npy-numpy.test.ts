import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { getFloat16, setFloat16 } from '@petamoriken/float16';
import { afterAll, describe, expect, it } from 'vitest';
import type { Tensor } from '../../../src/lib/dataset/dtype';
import { exportNpy } from '../../../src/lib/dataset/npy-export';
import { readNpy, writeNpy } from '../../../src/lib/dataset/npy';

/**
 * The .npy files the app writes, read by Debian's numpy (/usr/bin/python3, python3-numpy):
 * same dtype, same shape, the same bytes and the same values, float16 and a stacked file included.
 */
const PYTHON = '/usr/bin/python3';
const HAS_NUMPY = spawnSync(PYTHON, ['-c', 'import numpy'], { encoding: 'utf8' }).status === 0;
if (!HAS_NUMPY) console.warn(`[skip] ${PYTHON} cannot import numpy: install python3-numpy (apt-get) to run the numpy cross-check`);

const LOAD = `
import json, sys, numpy as np
out = {}
for path in sys.argv[1:]:
    a = np.load(path, allow_pickle=False)
    finite = bool(np.all(np.isfinite(a))) if a.dtype.kind == 'f' else True
    out[path] = {
        'dtype': a.dtype.str, 'shape': list(a.shape), 'c_order': bool(a.flags['C_CONTIGUOUS']),
        'hex': a.tobytes(order='C').hex(),
        'values': a.ravel().tolist() if finite else None,
    }
print(json.dumps(out))
`;

interface Loaded { dtype: string; shape: number[]; c_order: boolean; hex: string; values: number[] | null }

const dir = mkdtempSync(join(tmpdir(), 'enclave-npy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function loadWithNumpy(files: Record<string, Uint8Array>): Record<string, Loaded> {
  const paths = Object.entries(files).map(([name, bytes]) => {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, bytes);
    return path;
  });
  const run = spawnSync(PYTHON, ['-c', LOAD, ...paths], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`numpy failed: ${run.stderr}`);
  const byPath = JSON.parse(run.stdout) as Record<string, Loaded>;
  return Object.fromEntries(Object.keys(files).map((name) => [name, byPath[join(dir, name)]!]));
}

function hexOf(t: Tensor): string {
  return Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength).toString('hex');
}

function halfBits(values: readonly number[]): Uint16Array {
  const view = new DataView(new ArrayBuffer(values.length * 2));
  values.forEach((v, i) => setFloat16(view, i * 2, v, true));
  return new Uint16Array(view.buffer);
}

function appValues(t: Tensor): number[] {
  if (t.dtype !== 'float16') return Array.from(t.data);
  const view = new DataView(t.data.buffer, t.data.byteOffset, t.data.byteLength);
  return Array.from({ length: t.data.length }, (_, i) => getFloat16(view, i * 2, true));
}

const TENSORS: Record<string, Tensor> = {
  'f32.npy': { dtype: 'float32', shape: [2, 3, 4], data: Float32Array.from({ length: 24 }, (_, i) => Math.fround((i - 7) / 3)) },
  'f16.npy': { dtype: 'float16', shape: [3, 5], data: halfBits([0, -0.5, 1 / 3, 65504, -65504, 6.1e-5, 1e-7, 0.1, 2.5, -3.75, 1000.5, 7, 8, 9, 10]) },
  'u8.npy': { dtype: 'uint8', shape: [4, 4], data: Uint8Array.from({ length: 16 }, (_, i) => (i * 17) % 256) },
  'i16.npy': { dtype: 'int16', shape: [5], data: Int16Array.from([-32768, -1024, 0, 3071, 32767]) },
  'u16.npy': { dtype: 'uint16', shape: [1, 2, 2, 1], data: Uint16Array.from([0, 1, 4095, 65535]) },
  'scalar.npy': { dtype: 'float32', shape: [], data: Float32Array.from([42.25]) },
  'empty.npy': { dtype: 'uint8', shape: [0, 3], data: new Uint8Array(0) },
  'special.npy': { dtype: 'float32', shape: [4], data: Float32Array.from([Number.NaN, Infinity, -Infinity, -0]) },
};

describe.skipIf(!HAS_NUMPY)('numpy reads the .npy files the app writes', () => {
  it('matches every tensor exactly: dtype, shape, C order, bytes and values', () => {
    const loaded = loadWithNumpy(Object.fromEntries(Object.entries(TENSORS).map(([name, t]) => [name, writeNpy(t)])));
    const expectedDtype: Record<string, string> = { float32: '<f4', float16: '<f2', uint8: '|u1', int16: '<i2', uint16: '<u2' };
    for (const [name, tensor] of Object.entries(TENSORS)) {
      const got = loaded[name]!;
      expect(got.dtype, name).toBe(expectedDtype[tensor.dtype]);
      expect(got.shape, name).toEqual(tensor.shape);
      expect(got.c_order, name).toBe(true);
      expect(got.hex, name).toBe(hexOf(tensor));
      if (name !== 'special.npy') expect(got.values, name).toEqual(appValues(tensor));
    }
    expect(loaded['f16.npy']!.values!.slice(0, 4)).toEqual([0, -0.5, 0.333251953125, 65504]);
  });

  it('reads a stacked export, and per-scan files when shapes differ, as shapes.json records them', () => {
    const a: Tensor = { dtype: 'float16', shape: [2, 2], data: halfBits([0.25, 0.5, 0.75, 1]) };
    const b: Tensor = { dtype: 'float16', shape: [2, 2], data: halfBits([-1, -2, -3, -4]) };
    const c: Tensor = { dtype: 'float16', shape: [3, 1], data: halfBits([9, 10, 11]) };
    const stacked = exportNpy([{ scanId: 'ENC1/scan:a', tensor: a }, { scanId: 'ENC2-b', tensor: b }], { folder: 'stack' });
    const perScan = exportNpy([{ scanId: 'ENC1/scan:a', tensor: a }, { scanId: 'c', tensor: c }], { folder: 'each' });
    const all = [...stacked.files, ...perScan.files].filter((f) => f.path.endsWith('.npy'));
    const loaded = loadWithNumpy(Object.fromEntries(all.map((f) => [f.path, f.bytes])));

    expect(stacked.shapes.layout).toBe('stacked');
    expect(stacked.shapes.scans.map((s) => [s.scanId, s.file, s.index])).toEqual([
      ['ENC1/scan:a', 'stack/scans.npy', 0], ['ENC2-b', 'stack/scans.npy', 1],
    ]);
    expect(loaded['stack/scans.npy']).toMatchObject({ dtype: '<f2', shape: [2, 2, 2], values: [0.25, 0.5, 0.75, 1, -1, -2, -3, -4] });

    expect(perScan.shapes.layout).toBe('per-scan');
    expect(perScan.shapes.notStackedBecause).toBe('scan c has shape [3, 1] but scan ENC1/scan:a has [2, 2]');
    expect(perScan.shapes.scans.map((s) => [s.file, s.shape])).toEqual([['each/ENC1_scan_a.npy', [2, 2]], ['each/c.npy', [3, 1]]]);
    expect(loaded['each/ENC1_scan_a.npy']).toMatchObject({ shape: [2, 2], values: [0.25, 0.5, 0.75, 1] });
    expect(loaded['each/c.npy']).toMatchObject({ shape: [3, 1], values: [9, 10, 11] });
  });

  it('reads back what numpy writes, in format 1.0 and 2.0', () => {
    const a = join(dir, 'np-v1.npy');
    const b = join(dir, 'np-v2.npy');
    const script = `
import numpy as np, numpy.lib.format as f
x = (np.arange(12, dtype='<i2') - 6).reshape(3, 4)
with open('${a}', 'wb') as h: f.write_array(h, x, version=(1, 0))
with open('${b}', 'wb') as h: f.write_array(h, x.astype('<f2') / 4, version=(2, 0))
`;
    expect(spawnSync(PYTHON, ['-c', script], { encoding: 'utf8' }).status).toBe(0);
    const v1 = readNpy(new Uint8Array(readFileSync(a)));
    expect(v1).toMatchObject({ dtype: 'int16', shape: [3, 4] });
    expect(Array.from(v1.data)).toEqual([-6, -5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5]);
    const v2 = readNpy(new Uint8Array(readFileSync(b)));
    expect(v2).toMatchObject({ dtype: 'float16', shape: [3, 4] });
    expect(appValues(v2)).toEqual([-1.5, -1.25, -1, -0.75, -0.5, -0.25, 0, 0.25, 0.5, 0.75, 1, 1.25]);
  });
});

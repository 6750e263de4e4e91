import { describe, expect, it } from 'vitest';
import type { Tensor } from '../../../src/lib/dataset/dtype';
import { exportNpy, stackTensors } from '../../../src/lib/dataset/npy-export';
import { pythonShape, readNpy, writeNpy } from '../../../src/lib/dataset/npy';

function headerText(bytes: Uint8Array): string {
  const length = bytes[6] === 1 ? bytes[8]! | (bytes[9]! << 8) : new DataView(bytes.buffer).getUint32(8, true);
  const start = bytes[6] === 1 ? 10 : 12;
  return new TextDecoder().decode(bytes.subarray(start, start + length));
}

describe('writeNpy', () => {
  it('writes the header numpy writes, the data on a 64-byte boundary', () => {
    const bytes = writeNpy({ dtype: 'uint8', shape: [2, 3], data: Uint8Array.from([1, 2, 3, 4, 5, 6]) });
    expect(Array.from(bytes.subarray(0, 8))).toEqual([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
    const dict = "{'descr': '|u1', 'fortran_order': False, 'shape': (2, 3), }";
    expect(headerText(bytes)).toBe(`${dict}${' '.repeat(128 - 10 - dict.length - 1)}\n`);
    expect(bytes.length).toBe(128 + 6);
    expect(Array.from(bytes.subarray(128))).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('spells shapes as Python tuples', () => {
    expect(pythonShape([])).toBe('()');
    expect(pythonShape([7])).toBe('(7,)');
    expect(pythonShape([1, 2, 3])).toBe('(1, 2, 3)');
  });

  it('switches to format 2.0 only when the header does not fit in 65535 bytes', () => {
    const shape = Array.from({ length: 22000 }, () => 1);
    const bytes = writeNpy({ dtype: 'int16', shape, data: Int16Array.from([-7]) });
    expect(bytes[6]).toBe(2);
    expect((bytes.length - 2) % 64).toBe(0);
    const back = readNpy(bytes);
    expect(back.shape.length).toBe(22000);
    expect(Array.from(back.data)).toEqual([-7]);
  });

  it('refuses data whose length disagrees with the shape', () => {
    expect(() => writeNpy({ dtype: 'float32', shape: [2, 2], data: new Float32Array(3) })).toThrow(/3 elements but its shape \[2, 2\] needs 4/);
  });
});

describe('readNpy round trips', () => {
  const cases: Tensor[] = [
    { dtype: 'float32', shape: [2, 2], data: Float32Array.from([1.5, -2, 3.25, 1e-30]) },
    { dtype: 'float16', shape: [3], data: Uint16Array.from([0x3c00, 0xc000, 0x7bff]) },
    { dtype: 'uint8', shape: [1, 1, 3], data: Uint8Array.from([0, 128, 255]) },
    { dtype: 'int16', shape: [2], data: Int16Array.from([-32768, 32767]) },
    { dtype: 'uint16', shape: [], data: Uint16Array.from([65535]) },
  ];
  for (const tensor of cases) {
    it(`${tensor.dtype} [${tensor.shape.join(', ')}]`, () => {
      const back = readNpy(writeNpy(tensor));
      expect(back.dtype).toBe(tensor.dtype);
      expect(back.shape).toEqual(tensor.shape);
      expect(Array.from(back.data)).toEqual(Array.from(tensor.data));
    });
  }

  it('refuses what it cannot read, saying why', () => {
    expect(() => readNpy(new Uint8Array(20))).toThrow(/NPY magic/);
    const f8 = writeNpy({ dtype: 'uint8', shape: [8], data: new Uint8Array(8) });
    f8.set(new TextEncoder().encode("'<f8'"), 19);
    expect(() => readNpy(f8)).toThrow(/element type <f8 is not/);
    const cut = writeNpy({ dtype: 'float32', shape: [4], data: new Float32Array(4) }).subarray(0, 134);
    expect(() => readNpy(cut)).toThrow(/holds 6 bytes of data but its shape and type need 16/);
  });
});

describe('stacking', () => {
  it('stacks equal shapes along a new first axis, in the given order', () => {
    const s = stackTensors([
      { scanId: 'a', tensor: { dtype: 'int16', shape: [2], data: Int16Array.from([1, 2]) } },
      { scanId: 'b', tensor: { dtype: 'int16', shape: [2], data: Int16Array.from([3, 4]) } },
    ]);
    expect(s.shape).toEqual([2, 2]);
    expect(Array.from(s.data)).toEqual([1, 2, 3, 4]);
  });

  it('refuses to stack mixed dtypes when asked to, and falls back per scan on auto', () => {
    const scans = [
      { scanId: 'a', tensor: { dtype: 'int16', shape: [2], data: Int16Array.from([1, 2]) } as Tensor },
      { scanId: 'b', tensor: { dtype: 'uint8', shape: [2], data: Uint8Array.from([3, 4]) } as Tensor },
    ];
    expect(() => exportNpy(scans, { layout: 'stacked' })).toThrow(/scan b is uint8 but scan a is int16/);
    const auto = exportNpy(scans);
    expect(auto.files.map((f) => f.path)).toEqual(['npy/a.npy', 'npy/b.npy', 'npy/shapes.json']);
    expect(auto.shapes.notStackedBecause).toBe('scan b is uint8 but scan a is int16');
  });

  it('keeps file names apart when safe names collide, and refuses a scan id listed twice', () => {
    const t: Tensor = { dtype: 'uint8', shape: [1], data: Uint8Array.from([1]) };
    const out = exportNpy([{ scanId: 'a/b', tensor: t }, { scanId: 'a:b', tensor: t }], { layout: 'per-scan' });
    expect(out.shapes.scans.map((s) => s.file)).toEqual(['npy/a_b.npy', 'npy/a_b-2.npy']);
    expect(() => exportNpy([{ scanId: 'x', tensor: t }, { scanId: 'x', tensor: t }])).toThrow(/Scan x is listed twice/);
  });
});

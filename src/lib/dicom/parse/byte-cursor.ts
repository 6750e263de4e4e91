import { NeedBytes } from './errors';
import type { ByteWindow } from './types';

/**
 * Bounds-checked reads from a ByteWindow. Every read goes through `ensure` first, which knows
 * three answers: readable; past the end of the data (false: the caller reports truncation);
 * in the data but not loaded (NeedBytes: the header-scan driver loads more and parses again).
 */
export class ByteCursor {
  readonly size: number;
  private bytes: Uint8Array = new Uint8Array(0);
  private view: DataView = new DataView(new ArrayBuffer(0));
  private base = 0;

  constructor(readonly window: ByteWindow) {
    this.size = window.size;
  }

  /**
   * Makes `[offset, offset + length)` readable. False when it runs past the end of the data;
   * NeedBytes when it is in the data but not loaded.
   */
  ensure(offset: number, length: number): boolean {
    if (offset < 0 || offset + length > this.size) return false;
    const rel = offset - this.base;
    if (rel >= 0 && rel + length <= this.bytes.length) return true;
    for (const segment of this.window.segments) {
      if (offset >= segment.offset && offset + length <= segment.offset + segment.bytes.length) {
        this.bytes = segment.bytes;
        this.base = segment.offset;
        this.view = new DataView(segment.bytes.buffer, segment.bytes.byteOffset, segment.bytes.byteLength);
        return true;
      }
    }
    throw new NeedBytes(offset, length);
  }

  /** Like ensure, but never asks for more bytes: for optional look-ahead in a header scan. */
  isLoaded(offset: number, length: number): boolean {
    try {
      return this.ensure(offset, length);
    } catch (e) {
      if (e instanceof NeedBytes) return false;
      throw e;
    }
  }

  u8(offset: number): number {
    return this.bytes[offset - this.base] ?? 0;
  }
  u16(offset: number, littleEndian: boolean): number {
    return this.view.getUint16(offset - this.base, littleEndian);
  }
  u32(offset: number, littleEndian: boolean): number {
    return this.view.getUint32(offset - this.base, littleEndian);
  }
  tagAt(offset: number, littleEndian: boolean): number {
    return ((this.u16(offset, littleEndian) << 16) | this.u16(offset + 2, littleEndian)) >>> 0;
  }
}

import { describe, expect, it } from 'vitest';
import { EnclaveError, describeError, isEnclaveErrorName, throwIfCancelled } from '../../../src/lib/jobs';

describe('EnclaveError', () => {
  it('keeps its stable name and message through a structured clone, as comlink sends it', () => {
    const error = new EnclaveError('QuotaExceededError', 'Storage is full; nothing saved was lost.');
    // comlink serialises thrown errors as { name, message, stack }.
    const crossed = structuredClone({ name: error.name, message: error.message, stack: error.stack });
    expect(describeError(crossed)).toEqual({ name: 'QuotaExceededError', message: 'Storage is full; nothing saved was lost.' });
    expect(isEnclaveErrorName(crossed.name)).toBe(true);
    expect(isEnclaveErrorName('TypeError')).toBe(false);
  });

  it('describes anything thrown, even a string', () => {
    expect(describeError('boom')).toEqual({ name: 'Error', message: 'boom' });
    expect(describeError(new TypeError('bad'))).toEqual({ name: 'TypeError', message: 'bad' });
  });

  it('throwIfCancelled throws a CancelledError only once the signal fired', () => {
    const controller = new AbortController();
    expect(() => throwIfCancelled(controller.signal, 'The import')).not.toThrow();
    controller.abort();
    expect(() => throwIfCancelled(controller.signal, 'The import')).toThrow(
      expect.objectContaining({ name: 'CancelledError', message: 'The import was cancelled.' }),
    );
  });
});

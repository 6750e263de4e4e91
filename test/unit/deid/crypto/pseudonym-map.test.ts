import { describe, expect, it } from 'vitest';
import {
  decryptPseudonymMap, encryptPseudonymMap, envelopeFromJson, envelopeToJson, generateProjectSecret,
  mergePseudonymEntries, toPseudonymMapRecord, unwrapProjectSecret, wrapProjectSecret, DEFAULT_PBKDF2_ITERATIONS,
  type PseudonymEntry,
} from '../../../../src/lib/deid/crypto';
import { toCiphertextOnlyRecord } from '../../../../src/lib/store/pseudonym-map-record';
import { EnclaveError } from '../../../../src/lib/jobs';

const FAST = { iterations: 1000 };
const ENTRIES: PseudonymEntry[] = [
  { patientId: 'FAKE-0001', issuerOfPatientId: 'ENCLAVE SYNTHETIC HOSPITAL', patientName: 'FAKE^ALPHA^SAMPLE', pseudonym: 'ENC-7F3A2C' },
  { patientId: 'FAKE-0002', issuerOfPatientId: '', patientName: 'FAKE^BRAVO^SAMPLE', pseudonym: 'ENC-11D0E9' },
];

async function rejection(p: Promise<unknown>): Promise<EnclaveError> {
  try {
    await p;
  } catch (e) {
    return e as EnclaveError;
  }
  throw new Error('expected a rejection');
}

/** Every byte field as latin1 text, base64 and hex, plus the JSON: where clear text could hide. */
function everyRendering(record: object): string {
  const parts: string[] = [JSON.stringify(record)];
  for (const value of Object.values(record)) {
    if (value instanceof Uint8Array) {
      parts.push(new TextDecoder('latin1').decode(value), Buffer.from(value).toString('base64'), Buffer.from(value).toString('hex'));
    }
  }
  return parts.join('\n').toUpperCase();
}

describe('pseudonym map encryption', () => {
  it('round-trips the entries with the passphrase', async () => {
    const env = await encryptPseudonymMap(ENTRIES, 'correct horse battery staple', FAST);
    expect(env.kdf).toEqual({ name: 'PBKDF2', hash: 'SHA-256', iterations: 1000 });
    expect(env.salt.length).toBe(16);
    expect(env.iv.length).toBe(12);
    expect(await decryptPseudonymMap(env, 'correct horse battery staple')).toEqual(ENTRIES);
  });

  it('defaults to 600,000 PBKDF2 iterations (OWASP 2023)', () => {
    expect(DEFAULT_PBKDF2_ITERATIONS).toBe(600_000);
  });

  it('uses a fresh salt and IV each time', async () => {
    const a = await encryptPseudonymMap(ENTRIES, 'pw', FAST);
    const b = await encryptPseudonymMap(ENTRIES, 'pw', FAST);
    expect(Buffer.from(a.salt).equals(Buffer.from(b.salt))).toBe(false);
    expect(Buffer.from(a.iv).equals(Buffer.from(b.iv))).toBe(false);
  });

  it('refuses a wrong passphrase with DecryptionFailedError and no detail', async () => {
    const env = await encryptPseudonymMap(ENTRIES, 'right', FAST);
    const error = await rejection(decryptPseudonymMap(env, 'wrong'));
    expect(error.name).toBe('DecryptionFailedError');
    expect(error.message).toBe(
      'The pseudonym map could not be decrypted: the passphrase is wrong, or the encrypted data were changed or damaged.',
    );
    expect(error.cause).toBeUndefined();
  });

  it('refuses tampered ciphertext, IV or KDF parameters', async () => {
    const env = await encryptPseudonymMap(ENTRIES, 'pw', FAST);
    const flipped = env.ciphertext.slice();
    flipped[3] = flipped[3]! ^ 1;
    expect((await rejection(decryptPseudonymMap({ ...env, ciphertext: flipped }, 'pw'))).name).toBe('DecryptionFailedError');
    const iv = env.iv.slice();
    iv[0] = iv[0]! ^ 0x80;
    expect((await rejection(decryptPseudonymMap({ ...env, iv }, 'pw'))).name).toBe('DecryptionFailedError');
    expect((await rejection(decryptPseudonymMap({ ...env, kdf: { ...env.kdf, iterations: 999 } }, 'pw'))).name)
      .toBe('DecryptionFailedError');
  });

  it('makes a store record with no clear-text patient value in it', async () => {
    const env = await encryptPseudonymMap(ENTRIES, 'pw', FAST);
    const record = toPseudonymMapRecord(env, 'project-1', 1_700_000_000_000);
    expect(Object.keys(record).sort()).toEqual(['ciphertext', 'iv', 'kdf', 'projectId', 'salt', 'updatedAt']);
    expect(toCiphertextOnlyRecord(record)).toEqual(record);
    const text = everyRendering(record);
    for (const needle of ['FAKE', 'ALPHA', 'BRAVO', '0001', 'ENCLAVE', 'ENC-7F3A2C', 'SAMPLE']) {
      expect(text.includes(needle), needle).toBe(false);
    }
    // and the store hands ArrayBuffers back: they decrypt too
    const fromStore = { ...record, ciphertext: env.ciphertext.slice().buffer, salt: env.salt.slice().buffer, iv: env.iv.slice().buffer };
    expect(await decryptPseudonymMap(fromStore, 'pw')).toEqual(ENTRIES);
  });

  it('exports and imports a JSON file with a format marker and base64 fields', async () => {
    const env = await encryptPseudonymMap(ENTRIES, 'pw', FAST);
    const json = envelopeToJson(env, 'pseudonym-map');
    const doc = JSON.parse(json) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual(['format', 'version', 'content', 'kdf', 'cipher', 'salt', 'iv', 'ciphertext']);
    expect(doc.format).toBe('enclave-encrypted');
    expect(doc.version).toBe(1);
    expect(doc.salt).toBe(Buffer.from(env.salt).toString('base64'));
    expect(json.toUpperCase().includes('FAKE')).toBe(false);
    expect(await decryptPseudonymMap(envelopeFromJson(json, 'pseudonym-map'), 'pw')).toEqual(ENTRIES);
    expect(() => envelopeFromJson(json, 'project-secret')).toThrow(/holds a pseudonym-map, not a project-secret/);
    expect(() => envelopeFromJson('{"format":"x"}', 'pseudonym-map')).toThrow(/format marker is missing/);
  });
});

describe('merging pseudonym entries of several runs', () => {
  it('drops duplicates, fills names, reports conflicting pseudonyms', () => {
    const [a, b] = ENTRIES as [PseudonymEntry, PseudonymEntry];
    const run2: PseudonymEntry[] = [
      { ...b, patientName: '' },
      { ...a, pseudonym: 'ENC-OTHER' },
      { patientId: 'FAKE-0003', issuerOfPatientId: '', patientName: '', pseudonym: 'ENC-333333' },
    ];
    const run3: PseudonymEntry[] = [{ patientId: 'FAKE-0003', issuerOfPatientId: '', patientName: 'FAKE^CHARLIE', pseudonym: 'ENC-333333' }];
    const merged = mergePseudonymEntries([a], run2, run3);
    expect(merged.entries).toEqual([
      a,
      { ...b, patientName: '' },
      { patientId: 'FAKE-0003', issuerOfPatientId: '', patientName: 'FAKE^CHARLIE', pseudonym: 'ENC-333333' },
    ]);
    expect(merged.added).toBe(2);
    expect(merged.conflicts).toEqual([{ keptIndex: 0, rejectedPseudonym: 'ENC-OTHER' }]);
  });

  it('treats the same ID from another issuer as another patient', () => {
    const [a] = ENTRIES as [PseudonymEntry];
    const merged = mergePseudonymEntries([a], [{ ...a, issuerOfPatientId: 'OTHER', pseudonym: 'ENC-2' }]);
    expect(merged.entries.map((e) => e.pseudonym)).toEqual(['ENC-7F3A2C', 'ENC-2']);
  });
});

describe('project secret', () => {
  it('is 32 random bytes, wrapped and unwrapped with the passphrase', async () => {
    const secret = generateProjectSecret();
    expect(secret.length).toBe(32);
    expect(Buffer.from(secret).equals(Buffer.from(generateProjectSecret()))).toBe(false);
    const wrapped = await wrapProjectSecret(secret, 'pw', FAST);
    expect(Buffer.from(wrapped.ciphertext).includes(Buffer.from(secret))).toBe(false);
    expect(Buffer.from(await unwrapProjectSecret(wrapped, 'pw')).equals(Buffer.from(secret))).toBe(true);
    expect((await rejection(unwrapProjectSecret(wrapped, 'nope'))).name).toBe('DecryptionFailedError');
  });

  it('cannot be opened as a pseudonym map, nor a map as a secret', async () => {
    const wrapped = await wrapProjectSecret(generateProjectSecret(), 'pw', FAST);
    expect((await rejection(decryptPseudonymMap(wrapped, 'pw'))).name).toBe('DecryptionFailedError');
    const map = await encryptPseudonymMap(ENTRIES, 'pw', FAST);
    expect((await rejection(unwrapProjectSecret(map, 'pw'))).name).toBe('DecryptionFailedError');
  });

  it('refuses a short secret', async () => {
    await expect(wrapProjectSecret(new Uint8Array(16), 'pw', FAST)).rejects.toThrow(/at least 32 random bytes/);
  });
});

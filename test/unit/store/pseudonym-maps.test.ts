import { describe, expect, expectTypeOf, it } from 'vitest';
import { ProjectRecords } from '../../../src/lib/store/project-records';
import { ProjectsRepository } from '../../../src/lib/store/projects-repository';
import { toCiphertextOnlyRecord } from '../../../src/lib/store/pseudonym-map-record';
import type { PseudonymMapRecord } from '../../../src/lib/store/schema';
import { openFresh, sequentialIds } from './helpers';

function envelope(projectId = 'p-1'): PseudonymMapRecord {
  return {
    projectId,
    ciphertext: new Uint8Array([0xde, 0xad, 0xbe, 0xef]),
    salt: new Uint8Array(16).fill(1),
    iv: new Uint8Array(12).fill(2),
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: 600_000 },
    updatedAt: 1_700_000_000_000,
  };
}

async function mapsOfOneProject() {
  const { db } = await openFresh();
  await new ProjectsRepository(db, { newId: sequentialIds('p') }).create('Encrypted');
  return new ProjectRecords(db, 'pseudonymMaps');
}

describe('pseudonym map records', () => {
  it('have no clear-text field in their type: only projectId is text', () => {
    type TextFields = {
      [K in keyof PseudonymMapRecord]-?: PseudonymMapRecord[K] extends string ? K : never;
    }[keyof PseudonymMapRecord];
    expectTypeOf<TextFields>().toEqualTypeOf<'projectId'>();
    expectTypeOf<keyof PseudonymMapRecord>().toEqualTypeOf<
      'projectId' | 'ciphertext' | 'salt' | 'iv' | 'kdf' | 'updatedAt'
    >();
    // @ts-expect-error a clear-text map is not a PseudonymMapRecord
    const plain: PseudonymMapRecord = { ...envelope(), entries: { 'DOE^JOHN': 'PSEUDO-001' } };
    expect(plain.projectId).toBe('p-1');
  });

  it('stores the encrypted envelope, keyed by project id', async () => {
    const maps = await mapsOfOneProject();
    await maps.put(envelope());
    const back = await maps.get('p-1');
    expect(back).toEqual(envelope());
    expect(Object.keys(back).sort()).toEqual(['ciphertext', 'iv', 'kdf', 'projectId', 'salt', 'updatedAt']);
  });

  it('refuses a record carrying clear text, naming the field but never its value', async () => {
    const maps = await mapsOfOneProject();
    // As untyped code (a worker message) could pass it.
    const leaky = { ...envelope(), entries: { 'DOE^JOHN': 'PSEUDO-001' } } as PseudonymMapRecord;

    const failure = maps.put(leaky);

    await expect(failure).rejects.toMatchObject({
      name: 'InvalidInputError',
      message:
        'The pseudonym map was not saved: the record has field(s) entries outside the encrypted envelope. ' +
        'Only the encrypted map (ciphertext, salt, IV and key-derivation parameters) may be stored.',
    });
    await expect(failure).rejects.not.toHaveProperty('message', expect.stringContaining('DOE'));
    await expect(maps.get('p-1')).rejects.toMatchObject({ name: 'NotFoundError' });
  });

  it('refuses text where bytes belong, and extra key-derivation fields', () => {
    const textCiphertext = { ...envelope(), ciphertext: 'DOE^JOHN=PSEUDO-001' } as unknown as PseudonymMapRecord;
    expect(() => toCiphertextOnlyRecord(textCiphertext)).toThrow(
      'ciphertext must be bytes (ArrayBuffer or Uint8Array)',
    );
    const hinted = { ...envelope(), kdf: { ...envelope().kdf, passphraseHint: 'dog name' } } as PseudonymMapRecord;
    expect(() => toCiphertextOnlyRecord(hinted)).toThrow('kdf has field(s) passphraseHint outside the encrypted envelope');
    expect(() => toCiphertextOnlyRecord({ ...envelope(), iv: new Uint8Array(0) })).toThrow('iv is empty');
    expect(() => toCiphertextOnlyRecord({ ...envelope(), kdf: { ...envelope().kdf, iterations: 0 } })).toThrow(
      'kdf.iterations must be a positive whole number',
    );
  });

  it('accepts an ArrayBuffer ciphertext', () => {
    const record = { ...envelope(), ciphertext: new ArrayBuffer(4) };
    expect(toCiphertextOnlyRecord(record).ciphertext).toBe(record.ciphertext);
  });
});

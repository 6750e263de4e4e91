import { EnclaveError } from '../jobs/errors';
import type { EnclaveDB } from './schema';
import { runRead } from './transactions';

/**
 * An artifact's bytes as a Uint8Array, whichever form IndexedDB kept them in (Uint8Array,
 * ArrayBuffer or Blob); `missing` is the message when the artifact is gone.
 */
export async function readArtifactBytes(db: EnclaveDB, artifactId: string, what: string, missing: () => EnclaveError): Promise<Uint8Array> {
  const record = await runRead(db, ['artifacts'], what, (tx) => tx.store.get(artifactId));
  if (record === undefined) throw missing();
  const data = record.data;
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(await data.arrayBuffer());
}

export function artifactMissing(message: string): () => EnclaveError {
  return () => new EnclaveError('NotFoundError', message);
}

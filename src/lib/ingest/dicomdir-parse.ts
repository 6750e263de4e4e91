import type { AttributeReader } from '../dicom/attributes';
import { datasetReader, parseDicom } from '../dicom/parse';
import type { ByteSource } from './byte-source';

/**
 * Parses a DICOMDIR with the project's parser. A DICOMDIR holds no pixel data and is small
 * (kilobytes to a few megabytes for a full DVD), so it is read whole.
 */
export async function readDicomdirDataset(bytes: ByteSource, options: { signal?: AbortSignal } = {}): Promise<AttributeReader> {
  const parsed = await parseDicom(bytes, { mode: 'full', ...(options.signal ? { signal: options.signal } : {}) });
  return datasetReader(parsed);
}

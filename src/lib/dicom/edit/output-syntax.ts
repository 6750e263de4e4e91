import { EnclaveError } from '../../jobs';
import { transferSyntax } from '../parse/transfer-syntax';
import type { EditableDataset } from './types';
import { TAG } from './tags';

/**
 * The serializer writes every data set explicit VR little endian, so the transfer syntax it
 * names must be one whose data set is encoded that way (explicit VR LE, or an encapsulated one),
 * and top-level pixel data must match it: fragments for an encapsulated syntax, a plain value
 * otherwise. Anything else would be a file that lies about its encoding.
 */
export function checkOutputSyntax(ds: EditableDataset): void {
  const uid = ds.transferSyntaxUid;
  const ts = transferSyntax(uid);
  const pixel = ds.elements.find((e) => e.tag === TAG.PixelData);
  if (ts && (!ts.explicitVr || !ts.littleEndian || ts.deflated)) {
    throw new EnclaveError('InvalidInputError', `Transfer syntax ${uid} (${ts.name}) is not written: the output is explicit VR little endian; use 1.2.840.10008.1.2.1.`);
  }
  const encapsulated = ts ? ts.encapsulated : pixel?.fragments !== undefined; // unknown: private encapsulated syntaxes are explicit LE
  if (!ts && !encapsulated) {
    throw new EnclaveError('InvalidInputError', `Transfer syntax ${uid} is unknown; only explicit VR little endian or an encapsulated syntax can be written.`);
  }
  if (pixel && encapsulated !== (pixel.fragments !== undefined)) {
    throw new EnclaveError(
      'InvalidInputError',
      encapsulated
        ? `Transfer syntax ${uid} needs encapsulated pixel data (fragments), but Pixel Data hold a plain value.`
        : `Transfer syntax ${uid} needs native pixel data, but Pixel Data are encapsulated (fragments).`,
    );
  }
}

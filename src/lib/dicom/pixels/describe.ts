/**
 * Everything the pixel pipeline needs to know about an image, read once per instance through
 * the parser's AttributeReader: the Image Pixel module, palette LUTs, rescale, VOI windows and,
 * for enhanced multi-frame images, each frame's own values.
 */
import { EnclaveError } from '../../jobs';
import type { AttributeReader } from '../attributes';
import { readBase, readPerFrame } from './frame-attributes';
import { readPalette } from './palette';
import type { FrameAttributes, PixelImageDescription } from './types';

export interface DescribeOptions {
  /** The data set is big endian (Explicit VR Big Endian): LUT data words are read that way. */
  bigEndian?: boolean;
}

export function describeImagePixels(reader: AttributeReader, options: DescribeOptions = {}): PixelImageDescription {
  const notes: string[] = [];
  const rows = reader.number('Rows');
  const columns = reader.number('Columns');
  const bitsAllocated = reader.number('BitsAllocated');
  if (rows === undefined || columns === undefined || bitsAllocated === undefined) {
    const missing = [rows === undefined && 'Rows', columns === undefined && 'Columns', bitsAllocated === undefined && 'Bits Allocated'].filter(Boolean);
    throw new EnclaveError(
      'PixelDecodeError',
      `This file has no usable image description (${missing.join(', ')} missing), so its pixels cannot be shown. It may not be an image, or it may be damaged.`,
    );
  }
  const samplesPerPixel = orDefault(reader.number('SamplesPerPixel'), 1, 'Samples per Pixel', notes);
  const bitsStored = orDefault(reader.number('BitsStored'), bitsAllocated, 'Bits Stored', notes);
  const highBit = orDefault(reader.number('HighBit'), bitsStored - 1, 'High Bit', notes);
  const pixelRepresentation = reader.number('PixelRepresentation') === 1 ? 1 : 0;
  const photometricInterpretation = photometric(reader.string('PhotometricInterpretation'), samplesPerPixel, notes);
  const planarConfiguration = samplesPerPixel > 1 && reader.number('PlanarConfiguration') === 1 ? 1 : 0;
  const numberOfFrames = Math.max(1, Math.trunc(reader.number('NumberOfFrames') ?? 1));

  const base: FrameAttributes = readBase(reader, notes);
  const description: PixelImageDescription = {
    rows,
    columns,
    samplesPerPixel,
    bitsAllocated,
    bitsStored,
    highBit,
    pixelRepresentation,
    photometricInterpretation,
    planarConfiguration,
    numberOfFrames,
    ...base,
    perFrame: readPerFrame(reader, base, numberOfFrames, notes),
    lossyImageCompression: reader.string('LossyImageCompression') === '01',
    notes,
  };
  if (photometricInterpretation.startsWith('PALETTE COLOR')) {
    const palette = readPalette(reader, pixelRepresentation, options.bigEndian ?? false);
    if (palette) description.palette = palette;
    else notes.push('PALETTE COLOR image without palette tables: shown in grey');
  }
  description.notes = [...new Set(notes)];
  return description;
}

/** Frame `index`'s rescale, windows and geometry (the image's own for classic images). */
export function frameAttributes(description: PixelImageDescription, index = 0): FrameAttributes {
  return description.perFrame[index] ?? description;
}

function orDefault(value: number | undefined, fallback: number, name: string, notes: string[]): number {
  if (value !== undefined && Number.isFinite(value)) return value;
  notes.push(`${name} missing: ${fallback} assumed`);
  return fallback;
}

function photometric(value: string | undefined, samplesPerPixel: number, notes: string[]): string {
  const pi = value?.trim().toUpperCase();
  if (pi) return pi;
  const assumed = samplesPerPixel === 3 ? 'RGB' : 'MONOCHROME2';
  notes.push(`Photometric Interpretation missing: ${assumed} assumed`);
  return assumed;
}

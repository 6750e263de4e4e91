import type { AttributeReader } from '../attributes';
import { textDecoding, type TextDecoding } from './charset';
import { parseTag, tagForKeyword, tagHex } from './dictionary';
import type { ByteWindow, DicomItem, DicomNode, ParsedDicom } from './types';
import { numberValues, stringValues, textValues, valueBytes } from './values';

const SPECIFIC_CHARACTER_SET = 0x00080005;
const ASCII = textDecoding([]);

/** One element met by `iterate()`, with where it sits and the reader of the data set holding it. */
export interface VisitedElement {
  node: DicomNode;
  /** "GGGGEEEE", nested as "GGGGEEEE[i].GGGGEEEE" (the form of test/tools/pydicom_dump.py). */
  path: string;
  depth: number;
  reader: DicomReader;
}

/**
 * AttributeReader over a parsed data set or sequence item: by keyword through the dictionary,
 * and by tag for private and unknown elements. Text is decoded through the Specific Character
 * Set in force (an item's own, else inherited, PS3.5 7.5.3); numbers are read in the data set's
 * byte order. Values a header scan did not load read as absent.
 */
export class DicomReader implements AttributeReader {
  private index: Map<number, DicomNode> | undefined;
  readonly decoding: TextDecoding;

  constructor(
    readonly elements: readonly DicomNode[],
    readonly window: ByteWindow,
    readonly littleEndian: boolean,
    inherited: TextDecoding = ASCII,
  ) {
    const charset = elements.find((e) => e.tag === SPECIFIC_CHARACTER_SET);
    this.decoding = charset ? textDecoding(textValues(window, charset, ASCII)) : inherited;
  }

  elementByTag(tag: number | string): DicomNode | undefined {
    const t = parseTag(tag);
    if (t === undefined) return undefined;
    this.index ??= new Map(this.elements.map((e) => [e.tag, e]));
    return this.index.get(t);
  }

  element(keyword: string): DicomNode | undefined {
    const tag = tagForKeyword(keyword);
    return tag === undefined ? undefined : this.elementByTag(tag);
  }

  has(keyword: string): boolean {
    return this.element(keyword) !== undefined;
  }

  string(keyword: string, index = 0): string | undefined {
    return this.strings(keyword)[index];
  }

  strings(keyword: string): string[] {
    const node = this.element(keyword);
    return node ? this.stringsOf(node) : [];
  }

  number(keyword: string, index = 0): number | undefined {
    const value = this.numbers(keyword)[index];
    return value === undefined || Number.isNaN(value) ? undefined : value;
  }

  numbers(keyword: string): number[] {
    const node = this.element(keyword);
    return node ? this.numbersOf(node) : [];
  }

  sequence(keyword: string): DicomReader[] {
    const node = this.element(keyword);
    return node ? this.itemsOf(node) : [];
  }

  bytes(keyword: string): Uint8Array | undefined {
    const node = this.element(keyword);
    return node ? valueBytes(this.window, node) : undefined;
  }

  /** Tag-based twins of the keyword methods, for private and unknown elements. */
  stringsOf(node: DicomNode): string[] {
    return stringValues(this.window, node, this.littleEndian, this.decoding);
  }

  numbersOf(node: DicomNode): number[] {
    return numberValues(this.window, node, this.littleEndian, this.decoding);
  }

  bytesOf(node: DicomNode): Uint8Array | undefined {
    return valueBytes(this.window, node);
  }

  itemsOf(node: DicomNode): DicomReader[] {
    return (node.items ?? []).map((item) => this.itemReader(item));
  }

  itemReader(item: DicomItem): DicomReader {
    return new DicomReader(item.elements, this.window, item.littleEndian, this.decoding);
  }

  /** Every element, depth first in file order, sequences before their items' elements. */
  *iterate(prefix = '', depth = 0): Generator<VisitedElement> {
    for (const node of this.elements) {
      const path = prefix + tagHex(node.tag);
      yield { node, path, depth, reader: this };
      const items = node.items ?? [];
      for (let i = 0; i < items.length; i++) {
        yield* this.itemReader(items[i]!).iterate(`${path}[${i}].`, depth + 1);
      }
    }
  }
}

/** The reader of a parsed file's data set. */
export function datasetReader(parsed: ParsedDicom): DicomReader {
  return new DicomReader(parsed.elements, parsed.datasetBytes, parsed.littleEndian);
}

/** The reader of a parsed file's meta group (always explicit VR little endian). */
export function metaReader(parsed: ParsedDicom): DicomReader {
  return new DicomReader(parsed.meta, parsed.fileBytes, true);
}

import { dcmjsData, type DcmjsDict } from '../../../src/lib/dicom/write/dcmjs-shape';

/** A file we generated, parsed back with dcmjs, with small typed getters for tests. */
export interface ReadBack {
  meta: DcmjsDict;
  dict: DcmjsDict;
  first(tag: string, dict?: DcmjsDict): unknown;
  text(tag: string, dict?: DcmjsDict): string;
  number(tag: string, dict?: DcmjsDict): number;
  items(tag: string, dict?: DcmjsDict): DcmjsDict[];
  pixels(): Uint8Array;
}

export function readBack(file: Uint8Array): ReadBack {
  const parsed = dcmjsData.DicomMessage.readFile(file.slice().buffer);
  const first = (tag: string, dict: DcmjsDict = parsed.dict): unknown => dict[tag]?.Value[0];
  const asText = (v: unknown): string =>
    typeof v === 'object' && v !== null && 'Alphabetic' in v ? String((v as { Alphabetic: unknown }).Alphabetic) : String(v);
  return {
    meta: parsed.meta,
    dict: parsed.dict,
    first,
    text: (tag, dict) => asText(first(tag, dict)),
    number: (tag, dict) => Number(first(tag, dict)),
    items: (tag, dict = parsed.dict) => (dict[tag]?.Value ?? []) as DcmjsDict[],
    pixels: () => new Uint8Array(first('7FE00010') as ArrayBuffer),
  };
}

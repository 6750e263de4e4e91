/**
 * The few dcmjs entry points the writer (and tests that read our output back) use, typed
 * here because dcmjs ships no type declarations. Only this file touches the untyped import.
 */
// @ts-ignore -- dcmjs has no .d.ts; the import is `any` and is narrowed to DcmjsData below.
// (@ts-ignore rather than @ts-expect-error so this keeps compiling if someone adds a shim.)
import { data as untypedData } from 'dcmjs';

/** dcmjs's "denaturalized" element: `Value` is always an array. */
export interface DcmjsElement {
  vr: string;
  Value: unknown[];
}

export type DcmjsDict = Record<string, DcmjsElement>;

export interface DcmjsDicomDict {
  meta: DcmjsDict;
  dict: DcmjsDict;
  write(options?: { allowInvalidVRLength?: boolean }): ArrayBuffer;
}

export interface DcmjsData {
  DicomDict: new (meta: DcmjsDict) => DcmjsDicomDict;
  DicomMessage: {
    readFile(buffer: ArrayBuffer, options?: Record<string, unknown>): DcmjsDicomDict;
  };
}

export const dcmjsData = untypedData as DcmjsData;

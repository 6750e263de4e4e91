/**
 * Our own small model of a DICOM data set for writing. Callers build these plain objects (with
 * the helpers below) and never touch dcmjs shapes; the Part 10 writer translates them.
 *
 * Tags are 8 upper-case hex digits, group then element ("00100010"), the form dcmjs and most
 * tables use. Multi-valued strings are arrays, never backslash-joined.
 */

export type StringVr =
  | 'AE' | 'AS' | 'CS' | 'DA' | 'DS' | 'DT' | 'IS' | 'LO' | 'LT'
  | 'PN' | 'SH' | 'ST' | 'TM' | 'UC' | 'UI' | 'UR' | 'UT';
export type NumberVr = 'AT' | 'FD' | 'FL' | 'SL' | 'SS' | 'UL' | 'US';
export type BytesVr = 'OB' | 'OW';
export type Vr = StringVr | NumberVr | BytesVr | 'SQ';

export type DicomElement =
  | { readonly vr: StringVr; readonly values: readonly string[] }
  | { readonly vr: NumberVr; readonly values: readonly number[] }
  | { readonly vr: BytesVr; readonly bytes: Uint8Array | Uint16Array | Int16Array }
  | { readonly vr: 'SQ'; readonly items: readonly DicomDataset[] };

/** Tag ("GGGGEEEE", upper-case hex) → element. Key order does not matter: the writer sorts. */
export type DicomDataset = Readonly<Record<string, DicomElement>>;

/** A string element; no values means a zero-length (Type 2 "present but empty") element. */
export function str(vr: StringVr, ...values: string[]): DicomElement {
  return { vr, values };
}

export function num(vr: NumberVr, ...values: number[]): DicomElement {
  return { vr, values };
}

/** Decimal String from numbers, formatted deterministically (see formatDecimalString). */
export function ds(...values: number[]): DicomElement {
  return { vr: 'DS', values: values.map(formatDecimalString) };
}

/** Integer String from integers. */
export function is(...values: number[]): DicomElement {
  return {
    vr: 'IS',
    values: values.map((v) => {
      if (!Number.isSafeInteger(v)) throw new RangeError(`IS value ${v} is not an integer`);
      return String(v);
    }),
  };
}

export function bytes(vr: BytesVr, data: Uint8Array | Uint16Array | Int16Array): DicomElement {
  return { vr, bytes: data };
}

export function seq(...items: DicomDataset[]): DicomElement {
  return { vr: 'SQ', items };
}

/**
 * DS allows at most 16 characters. We keep up to 6 decimals, drop trailing zeros, and fall
 * back to exponent form only for magnitudes that cannot fit, so the same number always gives
 * the same string in every engine.
 */
export function formatDecimalString(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`DS value ${value} is not finite`);
  for (let decimals = 6; decimals >= 0; decimals--) {
    let text = value.toFixed(decimals);
    if (text.includes('.')) text = text.replace(/0+$/, '').replace(/\.$/, '');
    if (text === '-0') text = '0';
    if (text.length <= 16) return text;
  }
  const exp = value.toExponential(8);
  if (exp.length <= 16) return exp;
  throw new RangeError(`DS value ${value} cannot be written in 16 characters`);
}

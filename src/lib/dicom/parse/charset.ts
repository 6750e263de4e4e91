/**
 * Text decoding through Specific Character Set (0008,0005), PS3.5 6.1 and PS3.3 C.12.1.1.2:
 * single-byte sets (ISO_IR 100…203), UTF-8, GB18030/GBK, and ISO 2022 code extensions with
 * escape sequences (Japanese IR 13/87/159, Korean IR 149, Chinese IR 58, the Latin/Cyrillic/…
 * G1 sets). Decoded like pydicom: a part before any escape uses the first value's set; each
 * part after an escape uses the set the escape names; single-byte sets fall back to the first
 * set after a delimiter. Unlike a plain byte split, value (\) and PN component (=) delimiters
 * are only recognised while no two-byte set is active, because those bytes occur inside kanji.
 */

type Decode = (bytes: Uint8Array) => string;

const ESC = 0x1b;
const textDecoders = new Map<string, TextDecoder>();

function decoderFor(label: string): Decode {
  let decoder = textDecoders.get(label);
  if (!decoder) {
    try {
      decoder = new TextDecoder(label);
    } catch {
      return latin1; // a runtime without this decoder (small-ICU Node): keep the bytes visible
    }
    textDecoders.set(label, decoder);
  }
  const d = decoder;
  return (bytes) => d.decode(bytes);
}

/** ISO 8859-1 exactly (TextDecoder's "latin1" is windows-1252, which differs in 0x80–0x9F). */
export function latin1(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) out += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return out;
}

/** JIS X 0208 / 0212 bytes (0x21–0x7E pairs, as in ISO 2022) decoded through EUC-JP. */
function jisDecoder(plane: 'x0208' | 'x0212'): Decode {
  const eucJp = decoderFor('euc-jp');
  return (bytes) => {
    const out: number[] = [];
    for (let i = 0; i < bytes.length; i++) {
      const a = bytes[i]!;
      const b = bytes[i + 1];
      if (a >= 0x21 && a <= 0x7e && b !== undefined && b >= 0x21 && b <= 0x7e) {
        if (plane === 'x0212') out.push(0x8f);
        out.push(a | 0x80, b | 0x80);
        i++;
      } else {
        out.push(a); // controls and spaces are single bytes even in a two-byte set
      }
    }
    return eucJp(Uint8Array.from(out));
  };
}

interface CharsetInfo {
  decode: Decode;
  /** Escape sequence that selects this set in ISO 2022 (as a string of its bytes after ESC). */
  escape?: string;
  /** A two-byte set in G0 (JIS X 0208/0212): delimiters are not recognised inside it. */
  multiByteG0?: boolean;
}

function table(): Record<string, CharsetInfo> {
  const l = (label: string): Decode => decoderFor(label);
  const sjis = l('shift_jis');
  return {
    'ISO_IR 6': { decode: latin1, escape: '(B' },
    'ISO_IR 100': { decode: latin1, escape: '-A' },
    'ISO_IR 101': { decode: l('iso-8859-2'), escape: '-B' },
    'ISO_IR 109': { decode: l('iso-8859-3'), escape: '-C' },
    'ISO_IR 110': { decode: l('iso-8859-4'), escape: '-D' },
    'ISO_IR 144': { decode: l('iso-8859-5'), escape: '-L' },
    'ISO_IR 127': { decode: l('iso-8859-6'), escape: '-G' },
    'ISO_IR 126': { decode: l('iso-8859-7'), escape: '-F' },
    'ISO_IR 138': { decode: l('iso-8859-8'), escape: '-H' },
    'ISO_IR 148': { decode: l('iso-8859-9'), escape: '-M' },
    'ISO_IR 203': { decode: l('iso-8859-15'), escape: '-b' },
    'ISO_IR 166': { decode: l('windows-874'), escape: '-T' },
    'ISO_IR 13': { decode: sjis, escape: ')I' },
    'ISO_IR 14': { decode: sjis, escape: '(J' },
    'ISO_IR 87': { decode: jisDecoder('x0208'), escape: '$B', multiByteG0: true },
    'ISO_IR 159': { decode: jisDecoder('x0212'), escape: '$(D', multiByteG0: true },
    'ISO_IR 149': { decode: l('euc-kr'), escape: '$)C' },
    'ISO_IR 58': { decode: l('gbk'), escape: '$)A' },
    'ISO_IR 192': { decode: l('utf-8') },
    GB18030: { decode: l('gb18030') },
    GBK: { decode: l('gbk') },
  };
}

let charsets: Record<string, CharsetInfo> | undefined;
let byEscape: Map<string, CharsetInfo> | undefined;

/** "ISO 2022 IR 87", "ISO_IR 87", "ISO-IR 87" … → "ISO_IR 87"; unknown terms → undefined. */
function lookup(term: string): CharsetInfo | undefined {
  charsets ??= table();
  const t = term.trim().toUpperCase();
  if (t === '') return charsets['ISO_IR 6'];
  if (t === 'ISO 2022 GBK') return charsets.GBK;
  if (t === 'ISO 2022 58') return charsets['ISO_IR 58'];
  const m = /^ISO[ _-]?(?:2022[ _-]?)?IR[ _-]?(\d+)$/.exec(t);
  return charsets[m ? `ISO_IR ${m[1]}` : t];
}

function escapeTable(): Map<string, CharsetInfo> {
  charsets ??= table();
  byEscape ??= new Map(Object.values(charsets).filter((c) => c.escape).map((c) => [c.escape!, c]));
  return byEscape;
}

export interface TextDecoding {
  /** Values of a text element: split on backslash (except LT/ST/UT/UR), each decoded. */
  decodeValues(bytes: Uint8Array, vr: string): string[];
  /** Terms of the Specific Character Set we do not know (decoded as ISO 8859-1 instead). */
  unknownTerms: string[];
}

const cache = new Map<string, TextDecoding>();

export function textDecoding(specificCharacterSet: readonly string[]): TextDecoding {
  const key = specificCharacterSet.join('\\');
  let decoding = cache.get(key);
  if (!decoding) {
    decoding = createDecoding(specificCharacterSet);
    if (cache.size < 64) cache.set(key, decoding);
  }
  return decoding;
}

function createDecoding(terms: readonly string[]): TextDecoding {
  const unknownTerms = terms.filter((t) => !lookup(t));
  const first = lookup(terms[0] ?? '') ?? lookup('')!;
  const hasExtensions = terms.length > 1;
  const decodePart = (bytes: Uint8Array, delimiters: readonly number[]): string =>
    bytes.includes(ESC) && hasExtensions ? decodeEscaped(bytes, first, delimiters) : first.decode(bytes);
  return {
    unknownTerms,
    decodeValues(bytes, vr) {
      const single = vr === 'LT' || vr === 'ST' || vr === 'UT' || vr === 'UR';
      const values = single ? [bytes] : splitOutsideMultiByte(bytes, 0x5c);
      if (vr !== 'PN') return values.map((v) => decodePart(v, TEXT_DELIMITERS));
      // Trailing empty component groups ("Name==") say nothing; pydicom drops them too.
      return values.map((v) => splitOutsideMultiByte(v, 0x3d).map((g) => decodePart(g, PN_DELIMITERS)).join('=').replace(/=+$/, ''));
    },
  };
}

const TEXT_DELIMITERS = [0x0d, 0x0a, 0x09, 0x0c];
const PN_DELIMITERS = [0x5e, 0x3d];

/** Splits on `delimiter` bytes, ignoring those inside a JIS X 0208/0212 run. */
function splitOutsideMultiByte(bytes: Uint8Array, delimiter: number): Uint8Array[] {
  if (!bytes.includes(delimiter)) return [bytes];
  const parts: Uint8Array[] = [];
  let multiByte = false;
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === ESC) {
      const esc = escapeAt(bytes, i);
      if (esc) multiByte = esc.info?.multiByteG0 === true;
    } else if (b === delimiter && !multiByte) {
      parts.push(bytes.subarray(start, i));
      start = i + 1;
    }
  }
  parts.push(bytes.subarray(start));
  return parts;
}

function escapeAt(bytes: Uint8Array, i: number): { length: number; info: CharsetInfo | undefined } | undefined {
  const b1 = bytes[i + 1];
  const b2 = bytes[i + 2];
  if (b1 === undefined || b2 === undefined) return undefined;
  const four = b1 === 0x24 && (b2 === 0x28 || b2 === 0x29) && bytes[i + 3] !== undefined;
  const length = four ? 4 : 3;
  const code = String.fromCharCode(...bytes.subarray(i + 1, i + length));
  return { length, info: escapeTable().get(code) };
}

/** pydicom's algorithm (charset.decode_bytes) over our decoders. */
function decodeEscaped(bytes: Uint8Array, first: CharsetInfo, delimiters: readonly number[]): string {
  let out = '';
  let i = 0;
  const firstEsc = bytes.indexOf(ESC);
  if (firstEsc > 0) {
    out += first.decode(bytes.subarray(0, firstEsc));
    i = firstEsc;
  }
  while (i < bytes.length) {
    let next = bytes.indexOf(ESC, i + 1);
    if (next < 0) next = bytes.length;
    const esc = escapeAt(bytes, i);
    const fragment = bytes.subarray(esc ? i + esc.length : i, next);
    const info = esc?.info;
    if (!info) {
      out += first.decode(bytes.subarray(i, next)); // unknown escape: first set, escape kept visible
    } else if (info.multiByteG0) {
      out += info.decode(fragment);
    } else {
      const d = fragment.findIndex((b) => delimiters.includes(b));
      out += d < 0 ? info.decode(fragment) : info.decode(fragment.subarray(0, d)) + first.decode(fragment.subarray(d));
    }
    i = next;
  }
  return out;
}

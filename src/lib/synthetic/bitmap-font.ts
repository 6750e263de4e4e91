/**
 * A hand-written 5×7 bitmap font (the classic character-LCD shapes) for burning text into
 * pixels without a canvas, so the same code runs in Node and in a worker. Upper case,
 * digits and the punctuation our banners use; scaled by whole pixels so OCR can read it.
 * The zero is a narrow oval rather than the LCD's slashed zero: tesseract read the slashed
 * one as 8, 6 or @, and the narrow one still differs from O.
 */

const GLYPH_ROWS: Readonly<Record<string, readonly string[]>> = {
  ' ': ['00000', '00000', '00000', '00000', '00000', '00000', '00000'],
  '0': ['01100', '10010', '10010', '10010', '10010', '10010', '01100'],
  '1': ['00100', '01100', '00100', '00100', '00100', '00100', '01110'],
  '2': ['01110', '10001', '00001', '00010', '00100', '01000', '11111'],
  '3': ['11111', '00010', '00100', '00010', '00001', '10001', '01110'],
  '4': ['00010', '00110', '01010', '10010', '11111', '00010', '00010'],
  '5': ['11111', '10000', '11110', '00001', '00001', '10001', '01110'],
  '6': ['00110', '01000', '10000', '11110', '10001', '10001', '01110'],
  '7': ['11111', '00001', '00010', '00010', '00100', '00100', '00100'],
  '8': ['01110', '10001', '10001', '01110', '10001', '10001', '01110'],
  '9': ['01110', '10001', '10001', '01111', '00001', '00010', '01100'],
  A: ['01110', '10001', '10001', '10001', '11111', '10001', '10001'],
  B: ['11110', '10001', '10001', '11110', '10001', '10001', '11110'],
  C: ['01110', '10001', '10000', '10000', '10000', '10001', '01110'],
  D: ['11100', '10010', '10001', '10001', '10001', '10010', '11100'],
  E: ['11111', '10000', '10000', '11110', '10000', '10000', '11111'],
  F: ['11111', '10000', '10000', '11110', '10000', '10000', '10000'],
  G: ['01110', '10001', '10000', '10111', '10001', '10001', '01111'],
  H: ['10001', '10001', '10001', '11111', '10001', '10001', '10001'],
  I: ['01110', '00100', '00100', '00100', '00100', '00100', '01110'],
  J: ['00111', '00010', '00010', '00010', '00010', '10010', '01100'],
  K: ['10001', '10010', '10100', '11000', '10100', '10010', '10001'],
  L: ['10000', '10000', '10000', '10000', '10000', '10000', '11111'],
  M: ['10001', '11011', '10101', '10101', '10001', '10001', '10001'],
  N: ['10001', '10001', '11001', '10101', '10011', '10001', '10001'],
  O: ['01110', '10001', '10001', '10001', '10001', '10001', '01110'],
  P: ['11110', '10001', '10001', '11110', '10000', '10000', '10000'],
  Q: ['01110', '10001', '10001', '10001', '10101', '10010', '01101'],
  R: ['11110', '10001', '10001', '11110', '10100', '10010', '10001'],
  S: ['01111', '10000', '10000', '01110', '00001', '00001', '11110'],
  T: ['11111', '00100', '00100', '00100', '00100', '00100', '00100'],
  U: ['10001', '10001', '10001', '10001', '10001', '10001', '01110'],
  V: ['10001', '10001', '10001', '01010', '01010', '01010', '00100'],
  W: ['10001', '10001', '10001', '10101', '10101', '10101', '01010'],
  X: ['10001', '01010', '01010', '00100', '01010', '01010', '10001'],
  Y: ['10001', '10001', '01010', '01010', '00100', '00100', '00100'],
  Z: ['11111', '00010', '00010', '00100', '01000', '01000', '11111'],
  '-': ['00000', '00000', '00000', '11111', '00000', '00000', '00000'],
  '.': ['00000', '00000', '00000', '00000', '00000', '01100', '01100'],
  ',': ['00000', '00000', '00000', '00000', '01100', '00100', '01000'],
  ':': ['00000', '01100', '01100', '00000', '01100', '01100', '00000'],
  '/': ['00000', '00001', '00010', '00100', '01000', '10000', '00000'],
  '^': ['00100', '01010', '10001', '00000', '00000', '00000', '00000'],
  '(': ['00010', '00100', '01000', '01000', '01000', '00100', '00010'],
  ')': ['01000', '00100', '00010', '00010', '00010', '00100', '01000'],
};

export const GLYPH_WIDTH = 5;
export const GLYPH_HEIGHT = 7;
/** Blank columns between glyphs, before scaling: one keeps letters apart for OCR. */
export const GLYPH_SPACING = 1;

export const FONT_CHARACTERS: readonly string[] = Object.keys(GLYPH_ROWS);

export interface GrayImage {
  width: number;
  height: number;
  /** Row-major, one byte per pixel. */
  pixels: Uint8Array;
}

export interface TextBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Size of `text` drawn at `scale`, without trailing spacing. */
export function measureText(text: string, scale: number): { width: number; height: number } {
  const n = [...text].length;
  const width = n === 0 ? 0 : (n * (GLYPH_WIDTH + GLYPH_SPACING) - GLYPH_SPACING) * scale;
  return { width, height: GLYPH_HEIGHT * scale };
}

/**
 * Draws `text` (lower case is drawn as upper case) with its top-left corner at (x, y), each
 * font pixel a `scale`×`scale` block of `value`; pixels outside the image are clipped.
 * Throws on a character the font lacks rather than silently drawing a gap OCR would misread.
 */
export function drawText(image: GrayImage, text: string, x: number, y: number, scale: number, value: number): TextBox {
  const chars = [...text.toUpperCase()];
  chars.forEach((ch, i) => {
    const rows = GLYPH_ROWS[ch];
    if (rows === undefined) throw new RangeError(`The banner font has no glyph for "${ch}"`);
    const left = x + i * (GLYPH_WIDTH + GLYPH_SPACING) * scale;
    rows.forEach((row, gy) => {
      for (let gx = 0; gx < GLYPH_WIDTH; gx++) {
        if (row[gx] === '1') fillBlock(image, left + gx * scale, y + gy * scale, scale, value);
      }
    });
  });
  return { x, y, ...measureText(text, scale) };
}

function fillBlock(image: GrayImage, x0: number, y0: number, size: number, value: number): void {
  for (let y = Math.max(0, y0); y < Math.min(image.height, y0 + size); y++) {
    for (let x = Math.max(0, x0); x < Math.min(image.width, x0 + size); x++) {
      image.pixels[y * image.width + x] = value;
    }
  }
}

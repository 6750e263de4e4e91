import { EnclaveError } from '../../jobs';
import { formatTag } from '../parse/dictionary';

/**
 * A Decimal String value (PS3.5 6.2: at most 16 characters, digits, sign, point, exponent):
 * the shortest exact form when it fits, else the most precise rounding that does.
 */
export function formatDecimalString(value: number, tag = 0): string {
  if (!Number.isFinite(value)) throw new EnclaveError('InvalidInputError', `Element ${formatTag(tag)} (DS): ${value} is not a finite number.`);
  const plain = String(value);
  if (plain.length <= 16) return plain;
  for (let precision = 16; precision >= 1; precision--) {
    const text = tidy(value.toPrecision(precision));
    if (text.length <= 16) return text;
  }
  for (let digits = 10; digits >= 0; digits--) {
    const text = tidy(value.toExponential(digits));
    if (text.length <= 16) return text;
  }
  throw new EnclaveError('InvalidInputError', `Element ${formatTag(tag)} (DS): ${value} does not fit in 16 characters.`);
}

/** "1.2300e+5" → "1.23e+5", "0.500" → "0.5": trailing zeros of the fraction say nothing. */
function tidy(text: string): string {
  const [mantissa = '', exponent] = text.split('e');
  const m = mantissa.includes('.') ? mantissa.replace(/0+$/, '').replace(/\.$/, '') : mantissa;
  return exponent === undefined ? m : `${m}e${exponent}`;
}

/** An Integer String value: an integer in [-2^31, 2^31 - 1] (PS3.5 6.2). */
export function formatIntegerString(value: number, tag = 0): string {
  if (!Number.isInteger(value) || value < -0x80000000 || value > 0x7fffffff) {
    throw new EnclaveError('InvalidInputError', `Element ${formatTag(tag)} (IS): ${value} is not an integer in the IS range.`);
  }
  return String(value);
}

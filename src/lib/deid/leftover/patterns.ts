/**
 * Common PHI patterns in free text (warnings: they also match harmless text, a person decides).
 * Applied to decoded text values of free-text VRs, never to DA/TM/UI/DS values whose form is fixed.
 */
export type PatternKind = 'date-in-text' | 'phone-number' | 'email-address' | 'us-ssn' | 'record-number' | 'titled-name';

export interface PhiPattern {
  kind: PatternKind;
  regex: RegExp;
}

const MONTHS = 'JAN(?:UARY)?|FEB(?:RUARY)?|MAR(?:CH)?|APR(?:IL)?|MAY|JUNE?|JULY?|AUG(?:UST)?|SEP(?:T(?:EMBER)?)?|OCT(?:OBER)?|NOV(?:EMBER)?|DEC(?:EMBER)?';
const DD = '(?:0?[1-9]|[12]\\d|3[01])';
const MM = '(?:0?[1-9]|1[0-2])';
const YYYY = '(?:19|20)\\d{2}';

export const PHI_PATTERNS: readonly PhiPattern[] = [
  {
    kind: 'date-in-text',
    regex: new RegExp(
      `(?<!\\d)(?:${YYYY}[-/.]${MM}[-/.]${DD}|${DD}[-/.]${MM}[-/.]${YYYY}|${MM}/${DD}/${YYYY}|${YYYY}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01]))(?!\\d)`
      + `|\\b${DD}\\.? (?:${MONTHS})\\.?,? ${YYYY}\\b|\\b(?:${MONTHS})\\.? ${DD},? ${YYYY}\\b`,
      'i',
    ),
  },
  { kind: 'us-ssn', regex: /(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])/ },
  {
    kind: 'phone-number',
    regex: /(?<![\w.])(?:\+\d{1,3}[ .-]?)?(?:\(\d{2,4}\)[ .-]?|\d{2,4}[ .-])\d{3,4}[ .-]\d{3,4}(?![\w.])/,
  },
  { kind: 'email-address', regex: /[A-Z0-9._%+-]+@[A-Z0-9.-]+\.[A-Z]{2,}/i },
  { kind: 'record-number', regex: /\b(?:MRN|MR#|(?:PATIENT |PT )?ID)\s*[:#]\s*[A-Z]{0,4}-?\d{3,}|\bMRN\s*\d{3,}/i },
  {
    // A capitalised word after a title or a label; upper-case DICOM style ("DR. SMITH", "PATIENT: DOE") too.
    kind: 'titled-name',
    regex: /\b(?:Dr|DR)\.?\s+[A-Z][A-Za-z'-]+|\b(?:Prof|PROF|Mrs?|MRS?|Ms|MS)\.\s*[A-Z][A-Za-z'-]+|\b(?:Patient|PATIENT|Pt|PT|Name|NAME)\s*:\s*[A-Z][A-Za-z'-]+/,
  },
];

/** The pattern kinds that match somewhere in the text, in table order. */
export function matchPatterns(text: string, patterns: readonly PhiPattern[] = PHI_PATTERNS): PatternKind[] {
  return patterns.filter((p) => p.regex.test(text)).map((p) => p.kind);
}

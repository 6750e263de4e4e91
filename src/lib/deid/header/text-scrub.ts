/**
 * Clean (C) for free text: "replace with values of similar meaning known not to contain
 * identifying information". The text is kept, except that every identifier of this instance
 * (name parts, IDs, accession number, birth date in common spellings, institution, staff names)
 * and every common PHI pattern (dates, long digit runs, e-mail addresses) is overwritten with
 * '*' of the same length, so VR length limits still hold.
 */
const PATTERNS: readonly RegExp[] = [
  /\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b/g, // 2024-01-31
  /\b\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}\b/g, // 31/01/2024, 01.31.24
  /\d{5,}/g, // IDs, phone numbers, YYYYMMDD
  /[\w.+-]+@[\w-]+(\.[\w-]+)+/g, // e-mail
];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The spellings of a DA value people write in free text. */
function dateSpellings(da: string): string[] {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(da.trim());
  if (!m) return [];
  const [, y, mo, d] = m as unknown as [string, string, string, string];
  return [`${y}-${mo}-${d}`, `${d}/${mo}/${y}`, `${mo}/${d}/${y}`, `${d}.${mo}.${y}`, `${y}/${mo}/${d}`];
}

export interface ScrubSource {
  /** Person names (PN values, "Family^Given^…"). */
  names: readonly string[];
  /** IDs, accession numbers, institution names: matched whole. */
  identifiers: readonly string[];
  /** DA values (birth dates). */
  dates: readonly string[];
}

export type Scrubber = (text: string) => string;

/** Built on first use: most files under the default policy never clean free text. */
export function makeScrubber(source: ScrubSource): Scrubber {
  let scrub: Scrubber | undefined;
  return (text) => (scrub ??= buildScrubber(source))(text);
}

function buildScrubber(source: ScrubSource): Scrubber {
  const terms = new Set<string>();
  for (const name of source.names) {
    for (const part of name.split(/[\^=]/)) if (part.trim().length >= 2) terms.add(part.trim());
  }
  for (const id of source.identifiers) if (id.trim().length >= 2) terms.add(id.trim());
  for (const date of source.dates) {
    if (date.trim()) terms.add(date.trim());
    for (const spelling of dateSpellings(date)) terms.add(spelling);
  }
  // Longest first, so "SMITH JONES" goes before "SMITH".
  const sorted = [...terms].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const known = sorted.length > 0 ? new RegExp(sorted.join('|'), 'gi') : undefined;
  const mask = (match: string): string => '*'.repeat(match.length);
  return (text) => {
    let out = known ? text.replace(known, mask) : text;
    for (const pattern of PATTERNS) out = out.replace(pattern, mask);
    return out;
  };
}

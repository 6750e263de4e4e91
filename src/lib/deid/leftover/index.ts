/**
 * Leftover-PHI check: after de-identification, look for the patient's original identifiers in
 * every value (any depth, private tags too) and in the raw bytes, and for common PHI patterns
 * in free text. Findings say where and what kind, never the value. See needles.ts for the
 * matching rules.
 *
 *   const ids = collectOriginalIdentifiers(datasetReader(parseDicomBytes(original)));
 *   const result = checkLeftoverPhi(deidentifiedBytes, ids);   // { findings, clean, errors, warnings }
 *   failClosed([result]).allowed
 */
export {
  collectOriginalIdentifiers, emptyIdentifiers, mergeIdentifiers, type IdentifierKind, type OriginalIdentifiers,
} from './identifiers';
export { buildNeedles, birthDateForms, findNeedles, type Needle, type MatchRule } from './needles';
export { PHI_PATTERNS, matchPatterns, type PatternKind, type PhiPattern } from './patterns';
export { scanRawBytes, type RawEncoding, type RawHit } from './raw-scan';
export { scanForLeftoverPhi, checkLeftoverPhi, type LeftoverScanOptions } from './scan';
export { failClosed, leftoverResult, type FailClosedDecision, type LeftoverFinding, type LeftoverResult } from './findings';

/**
 * Where a de-identified instance goes: pseudonym/study/series/instance.dcm, every part taken
 * from the DE-IDENTIFIED data set (remapped UIDs), so the path can name the file in exports and
 * audit reports without revealing anything. Characters outside [A-Za-z0-9._-] become "_".
 */
export interface OutputPathParts {
  pseudonym: string;
  studyInstanceUid: string;
  seriesInstanceUid: string;
  sopInstanceUid: string;
}

function safePart(text: string, fallback: string): string {
  const cleaned = text.trim().replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_');
  return cleaned === '' ? fallback : cleaned.slice(0, 96);
}

export function deidOutputPath(parts: OutputPathParts): string {
  return [
    safePart(parts.pseudonym, 'unknown-patient'),
    safePart(parts.studyInstanceUid, 'unknown-study'),
    safePart(parts.seriesInstanceUid, 'unknown-series'),
    `${safePart(parts.sopInstanceUid, 'unknown-instance')}.dcm`,
  ].join('/');
}

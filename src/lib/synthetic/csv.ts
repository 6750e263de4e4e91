/**
 * RFC 4180 CSV: CRLF line ends (also after the last record), fields holding a comma, quote,
 * CR or LF wrapped in double quotes with inner quotes doubled, everything else verbatim.
 */
export function toCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  const line = (fields: ReadonlyArray<string | number>): string => fields.map(csvField).join(',');
  return [header, ...rows].map(line).join('\r\n') + '\r\n';
}

export function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

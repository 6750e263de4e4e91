/** PS3.5 9.1: components of digits separated by dots, no leading zero unless the component is 0, at most 64 characters. */
export function isValidUid(uid: string): boolean {
  return uid.length > 0 && uid.length <= 64 && /^(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))*$/.test(uid);
}

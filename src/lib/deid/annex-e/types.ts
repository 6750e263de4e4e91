/** Actions of PS3.15 Table E.1-1: D dummy, Z zero-length or dummy, X remove, K keep, C clean, U remap UID. */
export type AnnexEAction = 'D' | 'Z' | 'X' | 'K' | 'C' | 'U' | 'X/D' | 'X/Z' | 'X/Z/D' | 'Z/D' | 'X/Z/U*';

/**
 * One row of Table E.1-1. `tag` is 8 hex digits, with X for a repeating group digit (50XX…), or
 * 'PRIVATE' for the row that covers every private attribute.
 */
export interface AnnexERow {
  tag: string;
  name: string;
  /** Whether the attribute is in a standard composite IOD. */
  inStdIod: boolean;
  basic: AnnexEAction;
  rtnSafePrivOpt?: string;
  rtnUIDsOpt?: string;
  rtnDevIdOpt?: string;
  rtnInstIdOpt?: string;
  rtnPatCharsOpt?: string;
  rtnLongFullDatesOpt?: string;
  rtnLongModifDatesOpt?: string;
  cleanDescOpt?: string;
  cleanStructContOpt?: string;
  cleanGraphOpt?: string;
}

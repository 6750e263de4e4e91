import type { PolicyAction } from '../policy/types';

/** What was done to one attribute, where, and why. Never a value. */
export interface AuditEntry {
  /** "(0040,A730)[0]/(0040,A123)": tags and item indexes from the top; meta elements too. */
  path: string;
  /** "0040A123" */
  tag: string;
  /** Dictionary keyword; "" for private and unknown tags. */
  keyword: string;
  action: PolicyAction;
  reason: string;
}

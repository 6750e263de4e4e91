import { SPLIT_NAMES, type SplitPart, type SplitResult } from './holdout';
import type { KFoldResult } from './k-fold';
import { compareText } from './patients';

export interface ClassBalanceRow {
  /** 'train', 'validation', 'test', or 'fold 1'… for k-fold (the held-out patients). */
  split: string;
  items: number;
  patients: number;
  /** Items per class. */
  counts: Record<string, number>;
  /** Share of each class among the labelled items of the split (0 when none is labelled). */
  fractions: Record<string, number>;
  /** Items without a class. */
  unlabelled: number;
}

export interface ClassBalance {
  /** Every class seen, sorted. */
  classes: string[];
  rows: ClassBalanceRow[];
}

export type ClassOf = ReadonlyMap<string, string> | ((itemId: string) => string | undefined);

/** How the classes spread over the splits (or the folds), to show next to the split. */
export function classBalance(split: SplitResult | KFoldResult, classOf: ClassOf): ClassBalance {
  const parts: Array<[string, SplitPart]> = split.method === 'k-fold'
    ? split.folds.map((f) => [`fold ${f.index + 1}`, f.heldOut])
    : SPLIT_NAMES.map((name) => [name, split.splits[name]]);
  return classBalanceOfParts(parts, classOf);
}

export function classBalanceOfParts(parts: ReadonlyArray<readonly [string, SplitPart]>, classOf: ClassOf): ClassBalance {
  const lookup = typeof classOf === 'function' ? classOf : (id: string) => classOf.get(id);
  const classes = new Set<string>();
  const tallies = parts.map(([name, part]) => {
    const counts = new Map<string, number>();
    let unlabelled = 0;
    for (const id of part.itemIds) {
      const c = lookup(id);
      if (c === undefined || c === '') {
        unlabelled++;
        continue;
      }
      classes.add(c);
      counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    return { name, part, counts, unlabelled };
  });
  const sorted = [...classes].sort(compareText);
  return {
    classes: sorted,
    rows: tallies.map(({ name, part, counts, unlabelled }) => {
      const labelled = part.itemIds.length - unlabelled;
      return {
        split: name,
        items: part.itemIds.length,
        patients: part.patientIds.length,
        counts: Object.fromEntries(sorted.map((c) => [c, counts.get(c) ?? 0])),
        fractions: Object.fromEntries(sorted.map((c) => [c, labelled > 0 ? (counts.get(c) ?? 0) / labelled : 0])),
        unlabelled,
      };
    }),
  };
}

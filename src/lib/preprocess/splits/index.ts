export { groupByPatient, type PatientGroup, type SplitItem } from './patients';
export {
  splitByPatient, SPLIT_NAMES,
  type SplitFractions, type SplitName, type SplitOptions, type SplitPart, type SplitResult,
} from './holdout';
export { kFold, type Fold, type KFoldOptions, type KFoldResult } from './k-fold';
export { classBalance, classBalanceOfParts, type ClassBalance, type ClassBalanceRow, type ClassOf } from './balance';

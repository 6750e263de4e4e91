/**
 * The declarative de-identification policy (PS3.15 Basic profile, its options, safe-list mode
 * and overrides): types, the safe default, validation and the risks of turning things off.
 */
export type {
  CleanPixelMode, DeidOptions, DeidPolicy, HandDrawnMask, LongitudinalMode, PixelRules, PolicyAction, PrivateSafeEntry, Rectangle,
} from './types';
export { defaultPolicy, DEFAULT_PRIVATE_SAFE_LIST } from './default-policy';
export { validatePolicy } from './validate';
export { describePolicyRisks, type PolicyRisk } from './risks';
export { decideCleanPixelData, type CleanPixelDecision, type PixelRiskInfo } from './clean-pixel';
export { attributeKeyToTag } from './attribute-key';
export { describeAttribute, overrideExposure, safeListExposure, type AttributeInfo } from './attribute-info';
export { addSafeListEntry, removeOverride, removeSafeListEntry, setMode, setOverride } from './edit';
export {
  addHandDrawnRectangle, clipRectangle, handDrawnFor, pixelRulesOf, removeHandDrawnRectangle, setRegionRules, setUseDefaultRules, validatePixelRules,
} from './pixel-rules';

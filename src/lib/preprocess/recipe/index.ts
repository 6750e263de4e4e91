export * from './types';
export { VOI_PRESETS, voiPresetNames, type VoiPreset } from './voi-presets';
export { validateRecipe } from './validate';
export { validateStep } from './validate-step';
export { BUILTIN_RECIPES, CT_SLICE_128, ECHO_CLIP_112, ECHO_CLIP_32, MR_VOLUME_64 } from './builtin';
export { describeRecipe, describeStep } from './describe';

/**
 * Named CT windows in HU (centre, width), the conventional values radiology teaching uses
 * (e.g. Radiopaedia, "Windowing (CT)"). A recipe stores the name; the numbers live here so a
 * saved recipe reads the same values at inference time as at training time.
 */
export interface VoiPreset {
  center: number;
  width: number;
  description: string;
}

export const VOI_PRESETS: Readonly<Record<string, VoiPreset>> = {
  'ct-brain': { center: 40, width: 80, description: 'CT brain' },
  'ct-stroke': { center: 40, width: 40, description: 'CT brain, narrow (stroke)' },
  'ct-subdural': { center: 75, width: 215, description: 'CT brain, subdural' },
  'ct-soft-tissue': { center: 40, width: 400, description: 'CT soft tissue (abdomen)' },
  'ct-mediastinum': { center: 50, width: 350, description: 'CT mediastinum' },
  'ct-liver': { center: 30, width: 150, description: 'CT liver' },
  'ct-lung': { center: -600, width: 1500, description: 'CT lung' },
  'ct-bone': { center: 400, width: 1800, description: 'CT bone' },
};

export function voiPresetNames(): string[] {
  return Object.keys(VOI_PRESETS);
}

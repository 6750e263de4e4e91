/** The researcher's way through the app, in order; Diagnostics stands aside from it. */
export const STEPS = [
  { id: 'import', label: 'Import', summary: 'Drop in scans, folders, zips, DICOMDIR or echo videos, or try the sample data.' },
  { id: 'deidentify', label: 'De-identify', summary: 'PS3.15 Annex E with its options, UID and date remapping, burned-in text masking, audit.' },
  { id: 'dataset', label: 'Dataset', summary: 'Preprocessing recipes, labels, patient-level splits, and .npy/CSV/MP4/JSON exports.' },
  { id: 'train', label: 'Train', summary: 'Fine-tune image, video and volume networks on your GPU, inside a worker.' },
  { id: 'evaluate', label: 'Evaluate', summary: 'AUROC with bootstrap confidence intervals, calibration, confusion matrices that open their scans, regression plots; runs side by side.' },
  { id: 'infer', label: 'Infer', summary: "Predictions on new de-identified scans through the run's own recipe; model zips to export and import." },
  { id: 'share', label: 'Share', summary: 'A privacy-safe demo bundle and an embeddable view for teaching.' },
  { id: 'diagnostics', label: 'Diagnostics', summary: 'Compute backend, GPU limits, memory, storage and local data.' },
] as const;

export type StepId = (typeof STEPS)[number]['id'];

export function isStepId(value: string): value is StepId {
  return STEPS.some((step) => step.id === value);
}

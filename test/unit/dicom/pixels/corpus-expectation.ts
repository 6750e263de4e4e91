/** The shape of one corpus file's reference values (see reference/pydicom_reference.py). */
export interface FrameSummary {
  min: number;
  max: number;
  sum: number;
  first: number[];
  spots: Array<[number, number]>;
}

export interface CorpusExpectation {
  transferSyntax: string;
  frames: number;
  type?: string;
  shape?: number[];
  perFrame?: FrameSummary[];
  rgbFrame0?: FrameSummary;
  paletteFrame0?: FrameSummary;
  error?: string;
}

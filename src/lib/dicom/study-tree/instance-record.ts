import type { AttributeReader } from '../attributes';
import { dateAndTimeSeconds, dicomDateTimeSeconds } from './dicom-time';
import { orientationOf, positionOf, type Vec3 } from './geometry';
import { text } from './keys';

/** What the tree keeps of one instance, read once when it is added. */
export interface InstanceRecord {
  id: string;
  path: string;
  reader: AttributeReader;
  /** Order of arrival, the last tie-break, so equal keys keep a stable order. */
  seq: number;
  sopInstanceUid?: string;
  sopClassUid?: string;
  instanceNumber?: number;
  orientation?: number[];
  position?: Vec3;
  /** Seconds (see dicom-time.ts) of AcquisitionDateTime, else AcquisitionDate/Time, else ContentDate/Time. */
  time?: number;
  rows?: number;
  columns?: number;
  frames: number;
  /** Filled when the series is sorted: position along the series normal. */
  slicePosition?: number;
  duplicateSop: boolean;
}

export function readInstanceRecord(id: string, path: string, reader: AttributeReader, seq: number): InstanceRecord {
  const frames = reader.number('NumberOfFrames');
  return {
    id, path, reader, seq,
    sopInstanceUid: text(reader, 'SOPInstanceUID'),
    sopClassUid: text(reader, 'SOPClassUID'),
    instanceNumber: finite(reader.number('InstanceNumber')),
    orientation: orientationOf(reader),
    position: positionOf(reader),
    time: instanceTime(reader),
    rows: finite(reader.number('Rows')),
    columns: finite(reader.number('Columns')),
    frames: frames !== undefined && Number.isInteger(frames) && frames > 0 ? frames : 1,
    duplicateSop: false,
  };
}

function instanceTime(reader: AttributeReader): number | undefined {
  return dicomDateTimeSeconds(reader.string('AcquisitionDateTime'))
    ?? dateAndTimeSeconds(reader.string('AcquisitionDate'), reader.string('AcquisitionTime'))
    ?? dateAndTimeSeconds(reader.string('ContentDate'), reader.string('ContentTime'));
}

function finite(v: number | undefined): number | undefined {
  return v !== undefined && Number.isFinite(v) ? v : undefined;
}

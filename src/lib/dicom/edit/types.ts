/**
 * An editable DICOM data set: what de-identification changes and what the serializer writes.
 * Built from a parsed file (src/lib/dicom/parse), it holds every element as its value bytes,
 * its items or its fragments, so anything not edited is written back exactly as it was read.
 * Values are little endian: a big-endian source is converted when the editable copy is made.
 */
export interface EditableElement {
  tag: number;
  /** The VR to write (explicit VR output); an implicit source's VR comes from the dictionary. */
  vr: string;
  /** Value bytes (little endian, unpadded or padded: the serializer pads to even length). */
  value?: Uint8Array;
  /** Items of a sequence, in order. */
  items?: EditableItem[];
  /** Encapsulated pixel data: the Basic Offset Table item first, then each fragment. */
  fragments?: Uint8Array[];
}

export interface EditableItem {
  elements: EditableElement[];
  /**
   * Where the item started in the source file (set by toEditable). The serializer uses it to
   * rewrite DICOMDIR record offsets (0004,1200/1202/1400/1420), which point at items by file offset.
   */
  sourceOffset?: number;
}

export interface EditableDataset {
  /** File meta group (0002,xxxx) elements; the group length is recomputed on write. */
  meta: EditableElement[];
  elements: EditableElement[];
  /** The transfer syntax to write: explicit VR little endian for native pixels, or the encapsulated one kept. */
  transferSyntaxUid: string;
}

import type { StudyTreeBuilder } from '../study-tree';
import { buildMetadataTable, type SeriesMetadataRow } from './table';

/** The table of everything a study tree holds, in tree order. */
export function metadataTableFromTree(tree: Pick<StudyTreeBuilder, 'seriesGroups'>): SeriesMetadataRow[] {
  return buildMetadataTable(tree.seriesGroups());
}

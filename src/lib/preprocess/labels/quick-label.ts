import { EnclaveError } from '../../jobs';

/**
 * Keyboard labelling of one class column: the viewer shows the current scan, '1'…'9' set its
 * class and move on, arrows move without labelling, Backspace clears, undo takes back the last
 * change (and returns to that scan). Pure state; the UI maps keys and draws.
 */

export interface QuickLabelChange {
  index: number;
  itemId: string;
  before: string | undefined;
  after: string | undefined;
}

export interface QuickLabelOptions {
  itemIds: readonly string[];
  /** Up to nine classes, bound to '1'…'9' in this order. */
  classes: readonly string[];
  /** Labels already known (from an import or an earlier session). */
  initial?: ReadonlyMap<string, string>;
  /** Move to the next scan after labelling one (default true). */
  advance?: boolean;
}

export class QuickLabelSession {
  readonly itemIds: readonly string[];
  readonly classes: readonly string[];
  private readonly labels = new Map<string, string>();
  private readonly history: QuickLabelChange[] = [];
  private readonly advance: boolean;
  private index = 0;

  constructor(options: QuickLabelOptions) {
    if (options.classes.length === 0 || options.classes.length > 9) {
      throw new EnclaveError('InvalidInputError', `Quick labelling binds keys 1–9, so it takes 1 to 9 classes, not ${options.classes.length}.`);
    }
    if (new Set(options.classes).size !== options.classes.length) throw new EnclaveError('InvalidInputError', 'A class is listed twice.');
    if (new Set(options.itemIds).size !== options.itemIds.length) throw new EnclaveError('InvalidInputError', 'A scan is listed twice.');
    this.itemIds = [...options.itemIds];
    this.classes = [...options.classes];
    this.advance = options.advance ?? true;
    for (const [id, c] of options.initial ?? []) if (this.itemIds.includes(id) && this.classes.includes(c)) this.labels.set(id, c);
  }

  get currentIndex(): number {
    return this.index;
  }

  get currentItemId(): string | undefined {
    return this.itemIds[this.index];
  }

  /** '1' → first class… for the UI's legend. */
  get bindings(): ReadonlyArray<{ key: string; label: string }> {
    return this.classes.map((label, k) => ({ key: String(k + 1), label }));
  }

  labelOf(itemId: string): string | undefined {
    return this.labels.get(itemId);
  }

  /** A copy of every label so far. */
  snapshot(): Map<string, string> {
    return new Map(this.labels);
  }

  get labelledCount(): number {
    return this.labels.size;
  }

  canUndo(): boolean {
    return this.history.length > 0;
  }

  /** Handles one key; returns false for keys it does not use, so the UI can pass them on. */
  press(key: string): boolean {
    if (/^[1-9]$/.test(key)) {
      const label = this.classes[Number(key) - 1];
      if (label === undefined) return false;
      this.assign(label);
      return true;
    }
    switch (key) {
      case 'ArrowRight': case 'ArrowDown': case ' ': this.next(); return true;
      case 'ArrowLeft': case 'ArrowUp': this.previous(); return true;
      case 'Backspace': case 'Delete': case '0': this.assign(undefined); return true;
      default: return false;
    }
  }

  /** Sets (or clears, with undefined) the current scan's class. */
  assign(label: string | undefined): void {
    const itemId = this.currentItemId;
    if (itemId === undefined) return;
    if (label !== undefined && !this.classes.includes(label)) throw new EnclaveError('InvalidInputError', `"${label}" is not one of the classes.`);
    const before = this.labels.get(itemId);
    if (before !== label) {
      this.history.push({ index: this.index, itemId, before, after: label });
      if (label === undefined) this.labels.delete(itemId);
      else this.labels.set(itemId, label);
    }
    if (label !== undefined && this.advance) this.next();
  }

  next(): void {
    this.index = Math.min(this.index + 1, Math.max(0, this.itemIds.length - 1));
  }

  previous(): void {
    this.index = Math.max(this.index - 1, 0);
  }

  goTo(index: number): void {
    if (Number.isInteger(index) && index >= 0 && index < this.itemIds.length) this.index = index;
  }

  /** The next scan without a label after the current one (wrapping), or undefined when all are done. */
  nextUnlabelled(): number | undefined {
    for (let step = 1; step <= this.itemIds.length; step++) {
      const k = (this.index + step) % this.itemIds.length;
      if (!this.labels.has(this.itemIds[k] ?? '')) return k;
    }
    return undefined;
  }

  /** Takes back the last change and returns to its scan; false when there is nothing to undo. */
  undo(): boolean {
    const change = this.history.pop();
    if (!change) return false;
    if (change.before === undefined) this.labels.delete(change.itemId);
    else this.labels.set(change.itemId, change.before);
    this.index = change.index;
    return true;
  }
}

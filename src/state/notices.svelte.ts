import { describeError } from '../lib/jobs';

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  /** Stable error name (QuotaExceededError, …) or a short title for info. */
  title: string;
  message: string;
}

/** Messages for the person at the screen; errors arrive here by name, never by console text. */
export class NoticesState {
  items = $state<Notice[]>([]);
  #nextId = 1;

  error(error: unknown): void {
    const { name, message } = describeError(error);
    this.items.push({ id: this.#nextId++, kind: 'error', title: name, message });
  }

  info(title: string, message: string): void {
    this.items.push({ id: this.#nextId++, kind: 'info', title, message });
  }

  dismiss(id: number): void {
    this.items = this.items.filter((notice) => notice.id !== id);
  }
}

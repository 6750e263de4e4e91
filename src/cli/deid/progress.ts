/**
 * Progress on stderr: a bar redrawn in place on a terminal, or a plain line every 10% (and at
 * the end) when the output is a file or a pipe (CI logs).
 */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

export class ProgressReporter {
  private done = 0;
  private lastDraw = 0;
  private lastStep = -1;
  private readonly started = performance.now();

  constructor(private readonly total: number, private readonly stream: ProgressStream, private readonly label = 'deid') {}

  tick(): void {
    this.done++;
    const now = performance.now();
    if (this.stream.isTTY) {
      if (now - this.lastDraw >= 100 || this.done === this.total) {
        this.lastDraw = now;
        this.stream.write(`\r${this.barLine(now)}`);
        if (this.done === this.total) this.stream.write('\n');
      }
      return;
    }
    const step = Math.floor((this.done * 10) / Math.max(1, this.total));
    if (step !== this.lastStep || this.done === this.total) {
      this.lastStep = step;
      this.stream.write(`${this.label}: ${this.done}/${this.total} files\n`);
    }
  }

  barLine(now = performance.now()): string {
    const width = 30;
    const filled = Math.round((this.done / Math.max(1, this.total)) * width);
    const rate = this.done / Math.max(0.001, (now - this.started) / 1000);
    const percent = Math.floor((this.done * 100) / Math.max(1, this.total));
    return `${this.label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${this.done}/${this.total} ${percent}% ${rate.toFixed(1)} files/s`;
  }
}

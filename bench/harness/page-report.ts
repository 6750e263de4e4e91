/** The harness pages' side of the protocol: progress lines to the console, the report into #results. */

export function logLine(line: string): void {
  console.log(`[bench] ${line}`);
}

export function publishReport(report: unknown, state: 'done' | 'failed'): void {
  const element = document.getElementById('results');
  if (!element) throw new Error('The harness page has no #results element.');
  element.textContent = JSON.stringify(report, null, 2);
  element.setAttribute('data-state', state);
}

/** Bench settings come in the page's query string as one JSON value, `?config=…`. */
export function configFromQuery<T>(fallback: T): T {
  const raw = new URLSearchParams(location.search).get('config');
  return raw ? { ...fallback, ...(JSON.parse(raw) as Partial<T>) } : fallback;
}

/** A module that fails to load gives a bare Event; say where to look instead of "undefined". */
export function workerErrorDetail(event: Event): string {
  const message = (event as ErrorEvent).message;
  return message ? `the worker threw: ${message}` : 'the worker script failed to load (open the harness page in a browser to see which import)';
}

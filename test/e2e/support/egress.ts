import type { BrowserContext, Request } from '@playwright/test';

export interface RecordedRequest {
  url: string;
  method: string;
  resourceType: string;
  hasBody: boolean;
}

export interface EgressViolation {
  request: RecordedRequest;
  why: 'other-origin' | 'has-body';
}

/** Schemes that never leave the browser. */
const LOCAL_SCHEMES = new Set(['blob:', 'data:', 'about:']);

/**
 * The rule the app promises to keep: every request goes to the app's own origin, and none
 * carries a body (the app uploads nothing, not even to itself).
 */
export function findEgressViolations(requests: readonly RecordedRequest[], appOrigin: string): EgressViolation[] {
  const violations: EgressViolation[] = [];
  for (const request of requests) {
    const url = new URL(request.url);
    if (!LOCAL_SCHEMES.has(url.protocol) && url.origin !== appOrigin) violations.push({ request, why: 'other-origin' });
    if (request.hasBody) violations.push({ request, why: 'has-body' });
  }
  return violations;
}

/**
 * Records every request of a browser context: pages, dedicated workers and the service worker
 * alike, since Playwright reports all of them on the context.
 */
export function recordRequests(context: BrowserContext): RecordedRequest[] {
  const recorded: RecordedRequest[] = [];
  context.on('request', (request: Request) => {
    const body = request.postDataBuffer();
    recorded.push({
      url: request.url(),
      method: request.method(),
      resourceType: request.resourceType(),
      hasBody: body !== null && body.length > 0,
    });
  });
  return recorded;
}

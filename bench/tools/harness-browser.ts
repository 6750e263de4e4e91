/**
 * Drives the benchmark harness pages (bench/harness/*.html) in Debian's Chromium: starts Vite's
 * dev server on port 5199 with the harness config (TypeScript served as it is, no build), opens
 * a page with the WebGPU flags of the e2e tests, relays its progress lines, and returns the JSON
 * report the page writes into #results. Both processes are stopped by close().
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../../test/e2e/support/chromium';

export const HARNESS_PORT = 5199;
const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BASE_URL = `http://127.0.0.1:${HARNESS_PORT}`;

export interface HarnessSession {
  browserVersion: string;
  /** Opens bench/harness/<name>.html with `config` in its query and waits for its report. */
  run<T>(name: string, config: unknown, timeoutMs: number): Promise<T>;
  close(): Promise<void>;
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

async function waitForServer(server: ChildProcess, url: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (server.exitCode !== null) throw new Error(`Vite exited with code ${server.exitCode} before serving ${url}.`);
    if (await answers(url)) return;
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error(`Vite did not serve ${url} within ${timeoutMs / 1000} s.`);
}

function startServer(): ChildProcess {
  // Vite's own entry under this Node, not `npx vite`: one process, so killing it stops the server.
  const server = spawn(process.execPath, ['node_modules/vite/bin/vite.js', '--config', 'bench/harness/vite.config.ts', '--port', String(HARNESS_PORT), '--strictPort'], {
    cwd: PROJECT_ROOT, stdio: ['ignore', 'ignore', 'pipe'],
  });
  server.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`  [vite] ${chunk.toString()}`));
  return server;
}

function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const force = setTimeout(() => server.kill('SIGKILL'), 5_000);
    server.once('exit', () => {
      clearTimeout(force);
      done();
    });
    server.kill('SIGTERM');
  });
}

function relayPage(page: Page): void {
  page.on('console', (message) => {
    const text = message.text();
    if (text.startsWith('[bench] ')) console.log(`  ${text.slice(8)}`);
    else if (message.type() === 'error') console.error(`  [page error] ${text}`);
  });
  page.on('pageerror', (error) => console.error(`  [page exception] ${error.message}`));
}

export async function openHarness(): Promise<HarnessSession> {
  if (await answers(BASE_URL)) {
    throw new Error(`Something already serves ${BASE_URL}; the harness needs port ${HARNESS_PORT} for itself.`);
  }
  const server = startServer();
  let browser: Browser | undefined;
  try {
    await waitForServer(server, `${BASE_URL}/bench/harness/train.html`);
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
  } catch (error) {
    await browser?.close();
    await stopServer(server);
    throw error;
  }
  const opened = browser;
  return {
    browserVersion: opened.version(),
    async run<T>(name: string, config: unknown, timeoutMs: number): Promise<T> {
      const page = await opened.newPage();
      relayPage(page);
      try {
        await page.goto(`${BASE_URL}/bench/harness/${name}.html?config=${encodeURIComponent(JSON.stringify(config))}`);
        const results = page.locator('#results[data-state="done"], #results[data-state="failed"]');
        await results.waitFor({ state: 'attached', timeout: timeoutMs });
        const text = (await results.textContent()) ?? '';
        if ((await results.getAttribute('data-state')) === 'failed') throw new Error(`The ${name} harness failed: ${text}`);
        return JSON.parse(text) as T;
      } finally {
        await page.close();
      }
    },
    async close(): Promise<void> {
      await opened.close();
      await stopServer(server);
    },
  };
}

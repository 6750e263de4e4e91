import { defineConfig } from '@playwright/test';

/** Debian's Chromium with WebGPU on SwiftShader: the only browser this machine can run. */
const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--headless',
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--use-vulkan=swiftshader',
  '--use-webgpu-adapter=swiftshader',
  '--disable-vulkan-surface',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const PORT = 4173;

export default defineConfig({
  testDir: 'test/e2e',
  // WebGPU through SwiftShader is CPU-bound; parallel browsers would only fight over 2 cores.
  workers: 1,
  fullyParallel: false,
  timeout: 180_000,
  expect: { timeout: 30_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: CHROMIUM_FLAGS,
    },
    serviceWorkers: 'allow',
    trace: 'off',
  },
  webServer: {
    // Serves the production build (npm test builds first), so the CSP and service worker are real.
    command: `npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});

/**
 * The dev server for the benchmark harness pages (bench/harness/*.html), kept apart from the
 * app's: its own dependency cache, so it never rebuilds the one an app dev server is using, and
 * the worker files listed as entries, so tfjs is pre-bundled before the first page loads rather
 * than discovered mid-run (which would reload the page under a running benchmark).
 *
 *   node node_modules/vite/bin/vite.js --config bench/harness/vite.config.ts --port 5199 --strictPort
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('../..', import.meta.url));

export default defineConfig({
  root,
  cacheDir: 'node_modules/.vite-bench',
  worker: { format: 'es' },
  logLevel: 'warn',
  clearScreen: false,
  server: { host: '127.0.0.1', port: 5199, strictPort: true, hmr: false },
  optimizeDeps: {
    entries: ['bench/harness/*.html', 'bench/harness/*.worker.ts'],
  },
});

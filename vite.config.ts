import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';
import { cspForHeader, cspForMetaTag } from './src/lib/security/csp.ts';

/**
 * The CSP goes into the built index.html as a <meta> tag, so it holds on any static host, and
 * into the preview server's headers, which also cover the service worker script. The dev server
 * gets none: Vite's hot reload injects inline code a strict policy would block.
 */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'enclave-csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: () => [
        { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: cspForMetaTag() }, injectTo: 'head-prepend' },
      ],
    },
  };
}

/**
 * dcmjs-codecs loads its WASM through a direct eval; that code path is replaced before it can
 * run (see src/lib/dicom/pixels/codecs/dcmjs-codecs-shape.ts), so its build warning is noise.
 */
function quietKnownWarnings(warning: { code?: string; id?: string; message: string }, warn: (w: typeof warning) => void): void {
  if (warning.code === 'EVAL' && warning.id?.includes('dcmjs-codecs')) return;
  warn(warning);
}

const securityHeaders = {
  'Content-Security-Policy': cspForHeader(),
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
};

export default defineConfig({
  plugins: [
    svelte(),
    contentSecurityPolicy(),
    VitePWA({
      strategies: 'generateSW',
      registerType: 'autoUpdate',
      injectRegister: null,
      manifest: false,
      workbox: {
        // Everything the app needs offline, the bundled sample studies included.
        globPatterns: ['**/*.{js,css,html,wasm,svg,png,json,csv,dcm,traineddata,gz}'],
        maximumFileSizeToCacheInBytes: 64 * 1024 * 1024,
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
        navigateFallback: 'index.html',
        // The sample manifest and labels are fetched with a query-less URL; keep lookups exact.
        ignoreURLParametersMatching: [/.*/],
      },
    }),
  ],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true, rollupOptions: { onwarn: quietKnownWarnings } },
  server: { port: 5173 },
  preview: { port: 4173, headers: securityHeaders },
});

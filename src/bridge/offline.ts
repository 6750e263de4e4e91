import { registerSW } from 'virtual:pwa-register';

/**
 * Registers the service worker that precaches the whole app, sample data included, so that it
 * opens offline after the first visit. The dev server has no service worker.
 */
export function registerOfflineCache(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  registerSW({ immediate: true });
}

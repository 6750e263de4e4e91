// With its extension: vite.config.ts loads this file through Node's own module loader.
import { PUBLIC_MODEL_SOURCES } from '../ml/model-io/catalogue.ts';

/**
 * The app's Content-Security-Policy. Only the app's own origin is allowed; blob: and data: are
 * there for object URLs of decoded frames and downloads the user starts, and 'wasm-unsafe-eval'
 * lets WebAssembly codecs and the tfjs wasm backend compile. The one exception is connect-src to
 * the folders of the public pretrained models (PUBLIC_MODEL_SOURCES), which the app fetches only
 * when the person presses a download button that names them; every other origin is refused by
 * the browser before a request leaves the tab.
 */
export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  'worker-src': ["'self'", 'blob:'],
  'connect-src': ["'self'", 'blob:', 'data:', ...PUBLIC_MODEL_SOURCES],
  'img-src': ["'self'", 'blob:', 'data:'],
  'media-src': ["'self'", 'blob:'],
  'style-src': ["'self'"],
  'font-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'manifest-src': ["'self'"],
};

/** Directives that browsers ignore in a <meta> tag and only honour as an HTTP header. */
const HEADER_ONLY_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'frame-ancestors': ["'self'"],
};

function serialise(directives: Readonly<Record<string, readonly string[]>>): string {
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

export function cspForMetaTag(): string {
  return serialise(CSP_DIRECTIVES);
}

export function cspForHeader(): string {
  return serialise({ ...CSP_DIRECTIVES, ...HEADER_ONLY_DIRECTIVES });
}

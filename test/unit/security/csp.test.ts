import { describe, expect, it } from 'vitest';
import { PRETRAINED_CATALOGUE, PUBLIC_MODEL_SOURCES } from '../../../src/lib/ml/model-io';
import { CSP_DIRECTIVES, cspForHeader, cspForMetaTag } from '../../../src/lib/security/csp';

describe('Content-Security-Policy', () => {
  it('names no origin but the app itself, except connect-src to the public model folders', () => {
    const allowed = new Set(["'self'", "'none'", "'wasm-unsafe-eval'", 'blob:', 'data:']);
    for (const [directive, sources] of Object.entries(CSP_DIRECTIVES)) {
      const others = sources.filter((source) => !allowed.has(source));
      expect(others, directive).toEqual(directive === 'connect-src' ? PUBLIC_MODEL_SOURCES : []);
    }
  });

  it('allows the public model folders as paths (not whole hosts), and every catalogue model lies in one', () => {
    for (const source of PUBLIC_MODEL_SOURCES) expect(source).toMatch(/^https:\/\/[^/]+\/[^/]+\/$/);
    for (const entry of PRETRAINED_CATALOGUE) {
      expect(PUBLIC_MODEL_SOURCES.some((source) => entry.url.startsWith(source)), entry.id).toBe(true);
    }
  });

  it('never allows inline or evaluated script', () => {
    expect(CSP_DIRECTIVES['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(cspForMetaTag()).not.toMatch(/unsafe-inline|'unsafe-eval'|\*/);
  });

  it('falls back to self for anything not listed, and forbids plugins, base and form targets', () => {
    const meta = cspForMetaTag();
    expect(meta.startsWith("default-src 'self'; ")).toBe(true);
    expect(meta).toContain("object-src 'none'");
    expect(meta).toContain("base-uri 'none'");
    expect(meta).toContain("form-action 'none'");
  });

  it('puts frame-ancestors only in the header, where browsers honour it', () => {
    expect(cspForMetaTag()).not.toContain('frame-ancestors');
    expect(cspForHeader()).toContain("frame-ancestors 'self'");
  });
});

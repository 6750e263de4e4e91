import { describe, expect, it } from 'vitest';
import { CSP_DIRECTIVES, cspForHeader, cspForMetaTag } from '../../../src/lib/security/csp';

describe('Content-Security-Policy', () => {
  it('names no origin but the app itself', () => {
    const allowed = new Set(["'self'", "'none'", "'wasm-unsafe-eval'", 'blob:', 'data:']);
    for (const [directive, sources] of Object.entries(CSP_DIRECTIVES)) {
      for (const source of sources) expect(allowed.has(source), `${directive} ${source}`).toBe(true);
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

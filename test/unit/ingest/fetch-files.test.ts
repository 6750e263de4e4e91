import { describe, expect, it } from 'vitest';
import { fetchOwnFiles } from '../../../src/lib/ingest/fetch-files';
import type { Progress } from '../../../src/lib/jobs';

const APP = 'http://127.0.0.1:4173';

function fakeFetch(bodies: Record<string, string | number>): typeof fetch {
  return (async (input: RequestInfo | URL) => {
    const path = new URL(String(input)).pathname;
    const body = bodies[path];
    if (typeof body === 'number') return new Response('missing', { status: body });
    if (body === undefined) throw new TypeError('Failed to fetch');
    return new Response(body);
  }) as typeof fetch;
}

describe('fetchOwnFiles', () => {
  it('returns Files named after their path, in order, reporting bytes', async () => {
    const progress: Progress[] = [];
    const files = await fetchOwnFiles(
      [
        { path: 'echo/a.dcm', size: 3 },
        { path: 'ct/b.dcm', size: 5 },
      ],
      new URL('/sample/', APP),
      APP,
      { fetchFn: fakeFetch({ '/sample/echo/a.dcm': 'abc', '/sample/ct/b.dcm': 'hello' }), onProgress: (p) => progress.push(p) },
    );
    expect(files.map((f) => [f.name, f.size])).toEqual([
      ['a.dcm', 3],
      ['b.dcm', 5],
    ]);
    expect(progress.map((p) => [p.done, p.total])).toEqual([
      [3, 8],
      [8, 8],
    ]);
  });

  it('refuses a base URL on another origin', async () => {
    await expect(fetchOwnFiles([], new URL('https://elsewhere.example.org/sample/'), APP)).rejects.toMatchObject({ name: 'InvalidInputError' });
  });

  it('names a missing file and what to do', async () => {
    await expect(
      fetchOwnFiles([{ path: 'gone.dcm', size: 1 }], new URL('/sample/', APP), APP, { fetchFn: fakeFetch({ '/sample/gone.dcm': 404 }) }),
    ).rejects.toMatchObject({ name: 'NotFoundError', message: expect.stringContaining('gone.dcm (HTTP 404)') });
  });

  it('says how to get an offline copy when the network is off', async () => {
    await expect(
      fetchOwnFiles([{ path: 'a.dcm', size: 1 }], new URL('/sample/', APP), APP, { fetchFn: fakeFetch({}) }),
    ).rejects.toMatchObject({ name: 'NotFoundError', message: expect.stringContaining('open the app once while online') });
  });

  it('stops with a CancelledError once the signal fired', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      fetchOwnFiles([{ path: 'a.dcm', size: 1 }], new URL('/sample/', APP), APP, { signal: controller.signal, fetchFn: fakeFetch({ '/sample/a.dcm': 'x' }) }),
    ).rejects.toMatchObject({ name: 'CancelledError' });
  });
});

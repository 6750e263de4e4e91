import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A server on another origin (another port of the loopback address) that counts what reaches
 * it, so a test can tell a request the browser refused from one that really left.
 */
export interface OtherOrigin {
  origin: string;
  hits: { method: string; url: string; bodyBytes: number }[];
  close(): Promise<void>;
}

export async function startOtherOrigin(): Promise<OtherOrigin> {
  const hits: OtherOrigin['hits'] = [];
  const server: Server = createServer((request, response) => {
    let bodyBytes = 0;
    request.on('data', (chunk: Buffer) => (bodyBytes += chunk.length));
    request.on('end', () => {
      hits.push({ method: request.method ?? '', url: request.url ?? '', bodyBytes });
      response.writeHead(200, { 'Access-Control-Allow-Origin': '*', 'Content-Type': 'text/plain' });
      response.end('received');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    hits,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

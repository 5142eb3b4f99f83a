// For the edge middleware tests: an Express app on a free port, and raw HTTP requests whose
// method, path, headers, Content-Length and chunking the test controls exactly (fetch would
// normalise the path and set its own length).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

export async function listen(app: Express): Promise<{ port: number; close: () => void }> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((done) => server.once('listening', done));
  return { port: (server.address() as AddressInfo).port, close: () => server.close() };
}

export interface RawRequest {
  port: number;
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: Buffer;
  chunked?: boolean;
}

export function rawRequest({ port, method = 'GET', path = '/', headers = {}, body, chunked = false }: RawRequest) {
  return new Promise<{ status: number; text: string; connection?: string }>((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, method, path, headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text, connection: response.headers.connection }));
    });
    request.on('error', reject);
    if (chunked) request.setHeader('Transfer-Encoding', 'chunked');
    else if (body) request.setHeader('Content-Length', String(body.length));
    if (body) request.write(body);
    request.end();
  });
}

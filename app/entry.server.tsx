// Server render: streams HTML with this request's CSP nonce on every script Remix emits. Bots get
// the complete document (onAllReady); browsers get the shell as soon as it is ready.
import { Transform } from 'node:stream';
import type { AppLoadContext, EntryContext } from '@remix-run/node';
import { createReadableStreamFromReadable } from '@remix-run/node';
import { RemixServer } from '@remix-run/react';
import { isbot } from 'isbot';
import { renderToPipeableStream } from 'react-dom/server';
import { isDatabaseConnectionError } from '~/platform/database/connection-errors.server.ts';
import { reportDatabaseTrouble } from '~/platform/database/database-readiness.server.ts';
import { unavailableResponse } from '~/platform/database-unavailable.server.ts';
import { resolveLocale } from '~/platform/i18n.server.ts';
import { NonceProvider } from '~/ui/nonce-provider.tsx';

declare module '@remix-run/node' {
  interface AppLoadContext {
    /** Per-request Content-Security-Policy nonce, from server.ts's getLoadContext. */
    cspNonce: string;
    /** The client's address as Express sees it (honours `trust proxy`), for rate limits. */
    clientIp?: string;
  }
  // remix.config.js enables single fetch: loader data keeps Dates, BigInts, data() wrappers.
  interface Future {
    v3_singleFetch: true;
  }
}

// React 18.3's Node renderer flushes whole 2 KB buffers: when a multi-byte character (Arabic,
// Chinese, "—") straddles the end, up to 3 unwritten NUL bytes leak into the HTML
// (facebook/react#26228, fixed only in React 19). NUL never occurs inside a UTF-8 multi-byte
// sequence, so dropping every NUL byte is safe.
function withoutNulBytes(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      callback(null, chunk.includes(0) ? Buffer.from(chunk.filter((byte) => byte !== 0)) : chunk);
    },
  });
}

// A loader or action that lost PostgreSQL mid-request (the readiness guard in server.ts had not
// noticed yet) answers the translated 503 page with Retry-After, not a 500: the request may be
// tried again, and the watcher probes at once (issue #11 item 1). Remix hands the same Request
// object to handleError and then to the document or data handler below.
const requestsThatLostTheDatabase = new WeakSet<Request>();

export function handleError(error: unknown, { request }: { request: Request }) {
  if (isDatabaseConnectionError(error)) {
    requestsThatLostTheDatabase.add(request);
    reportDatabaseTrouble();
    console.error(`database unreachable during ${request.method} ${new URL(request.url).pathname}: ${(error as Error).message}`);
    return;
  }
  if (!request.signal.aborted) console.error(error);
}

export function handleDataRequest(response: Response, { request }: { request: Request }) {
  return requestsThatLostTheDatabase.has(request) ? unavailableResponse(resolveLocale(request).locale) : response;
}

// Slightly above the client's single-fetch stream timeout, so deferred data can still resolve.
export const streamTimeout = 5_000;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  if (requestsThatLostTheDatabase.has(request)) return unavailableResponse(resolveLocale(request).locale);
  const nonce = loadContext.cspNonce ?? '';
  const readyEvent = isbot(request.headers.get('user-agent') ?? '') ? 'onAllReady' : 'onShellReady';

  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={streamTimeout} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        [readyEvent]() {
          shellRendered = true;
          const body = withoutNulBytes();
          responseHeaders.set('Content-Type', 'text/html; charset=utf-8');
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors before the shell is ready reject above; later ones would otherwise be silent.
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, streamTimeout + 1_000);
  });
}

// The per-request CSP nonce, from entry.server to <Scripts>/<ScrollRestoration>. In the browser
// the context is empty: browsers hide nonce attributes, and Remix suppresses that mismatch.
import { createContext, useContext } from 'react';

const NonceContext = createContext('');

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string {
  return useContext(NonceContext);
}

// A stand-in for @remix-run/react in route component tests that render to static markup without a
// router: the hooks return what the test puts in `page`, Form and Link become plain elements.
// Use: vi.mock('@remix-run/react', () => import('./remix-react-mock.tsx')), then set page.data.
import type { ReactNode } from 'react';

export const page = { data: undefined as unknown, action: undefined as unknown };

export const useLoaderData = () => page.data;
export const useActionData = () => page.action;

export function Form({ children, method }: { children: ReactNode; method?: string }) {
  return <form method={method}>{children}</form>;
}

export function Link({ to, children }: { to: string; children: ReactNode }) {
  return <a href={to}>{children}</a>;
}

/** The page's address, for components that build links from it (the language links). */
export const useLocation = () => ({ pathname: '/', search: '', hash: '' });

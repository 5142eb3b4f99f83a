import { useEffect, useState } from 'react';

// Once any component has hydrated, later mounts (client navigations) start hydrated.
let hydratedOnce = false;

/**
 * False during the server render and the first client render, true afterwards: parts that only
 * work with JavaScript (quick amount buttons, hiding options that do not apply, the print
 * button) appear only then, so pages without JavaScript never show controls that do nothing.
 */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(hydratedOnce);
  useEffect(() => {
    hydratedOnce = true;
    setHydrated(true);
  }, []);
  return hydrated;
}

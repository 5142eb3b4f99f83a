// A part of a form most people never need, folded behind a one-line summary so the form stays
// short (/give's dedication and earmark, the appeal composer's A/B subject test). <details> keeps
// it in the tab order and announces it as collapsed or expanded, so it is never hidden from a
// keyboard or a screen reader, and it opens and closes without JavaScript.
import { useEffect, useRef, useState, type ReactNode } from 'react';

export function FoldedSection({
  summary,
  startsOpen,
  mustOpen,
  className,
  children,
}: {
  summary: string;
  /** Open from the start: something is already filled in here (a resumed form, a saved draft). */
  startsOpen: boolean;
  /** Opens it whenever this turns true (an error inside, which the error summary links to). */
  mustOpen: boolean;
  /** The <details> element's class, for the caller's look. */
  className?: string;
  children: ReactNode;
}) {
  // The first value only: the person opens and closes it from then on, and a later render
  // (typing in it, clearing it, fixing its last error) must not fold it under their fingers.
  const [initiallyOpen] = useState(startsOpen || mustOpen);
  const details = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (mustOpen && details.current) details.current.open = true;
  }, [mustOpen]);
  return (
    <details ref={details} className={className} open={initiallyOpen}>
      <summary>{summary}</summary>
      {children}
    </details>
  );
}

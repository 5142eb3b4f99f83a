// A part of /give most donors never need, folded behind a one-line summary so the form stays
// short. <details> keeps it in the tab order and announces it as collapsed or expanded, so it is
// never hidden from a keyboard or a screen reader, and it opens and closes without JavaScript.
import { useEffect, useRef, useState, type ReactNode } from 'react';

export function FoldedSection({
  summary,
  startsOpen,
  mustOpen,
  children,
}: {
  summary: string;
  /** Open from the start: the donor has already filled something in here (a resumed form). */
  startsOpen: boolean;
  /** Opens it whenever this turns true (an error inside, which the error summary links to). */
  mustOpen: boolean;
  children: ReactNode;
}) {
  // The first value only: the donor opens and closes it from then on, and a later render
  // (typing in it, clearing it) must not fold it under their fingers.
  const [initiallyOpen] = useState(startsOpen || mustOpen);
  const details = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (mustOpen && details.current) details.current.open = true;
  }, [mustOpen]);
  return (
    <details ref={details} className="give-fold" open={initiallyOpen}>
      <summary>{summary}</summary>
      {children}
    </details>
  );
}

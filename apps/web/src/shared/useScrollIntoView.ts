import { useEffect, useRef } from 'react';

/** A ref that is scrolled into view whenever `trigger` becomes truthy or changes (e.g. a new error). */
export function useScrollIntoViewOn<T extends HTMLElement>(trigger: unknown) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (trigger) ref.current?.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
  }, [trigger]);
  return ref;
}

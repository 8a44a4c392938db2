import { useEffect, useState } from 'react';
import { useDebouncedValue } from '@mantine/hooks';

/**
 * State for a text filter kept in the URL: the input updates at once, `apply`
 * runs 300 ms after the user stops typing (and not for an unchanged value).
 */
export function useDebouncedFilter(value: string | undefined, apply: (next: string | undefined) => void) {
  const [input, setInput] = useState(value ?? '');
  const [debounced] = useDebouncedValue(input, 300);
  useEffect(() => {
    const next = debounced.trim() || undefined;
    if (next !== value) apply(next);
  }, [debounced]); // only when the debounced text changes
  return [input, setInput] as const;
}

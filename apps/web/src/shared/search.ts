/**
 * Search-param readers for `validateSearch`. The router parses values as JSON
 * when it can, so a hand-typed `?q=123` arrives as a number: accept it as text.
 */
export function searchText(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value.trim() ? value : undefined;
}

export function searchBoolean(value: unknown): boolean | undefined {
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  return undefined;
}

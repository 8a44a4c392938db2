/** Opaque list cursors: the base64url of the last row's sort key. */
export function encodeCursor(value: string): string {
  return Buffer.from(value, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined): string | undefined {
  if (!cursor) return undefined;
  const value = Buffer.from(cursor, 'base64url').toString('utf8');
  // Garbage often decodes to U+0000 (or to JSON holding one), which PostgreSQL refuses in text (a 500): answer 400 instead.
  if (value.includes('\u0000') || (value.includes('\\u0000') && jsonHoldsNul(value))) {
    throw Object.assign(new Error('The cursor is not one this server issued. Start again without it.'), { statusCode: 400 });
  }
  return value;
}

function jsonHoldsNul(text: string): boolean {
  const holds = (v: unknown): boolean =>
    typeof v === 'string' ? v.includes('\u0000') : v !== null && typeof v === 'object' && Object.entries(v).some(([k, x]) => k.includes('\u0000') || holds(x));
  try {
    return holds(JSON.parse(text));
  } catch {
    return false;
  }
}

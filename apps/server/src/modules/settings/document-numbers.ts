import type { Tx } from '../../platform/db/index.js';
import { incrementSequence } from './settings.repo.js';

export const DOCUMENT_KINDS = ['invoice'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

const PREFIX: Record<DocumentKind, string> = { invoice: 'INV' };

/** `INV-2026-000001`: kind prefix, year, and at least six digits. */
export function formatDocumentNumber(kind: DocumentKind, year: number, n: number): string {
  return `${PREFIX[kind]}-${year}-${String(n).padStart(6, '0')}`;
}

/**
 * The next number of a document kind in a year, e.g. `INV-2026-000001`. Call it in the
 * transaction that stores the document: numbers are gap-free among committed transactions (a
 * rollback gives its number back) and restart at 1 each year. Concurrent callers wait on the
 * counter row until the holder commits or rolls back, so keep that transaction short.
 */
export async function nextDocumentNumber(tx: Tx, kind: DocumentKind, year: number): Promise<string> {
  if (!Number.isInteger(year) || year < 1970 || year > 9999) throw new RangeError(`nextDocumentNumber: year must be a four-digit year, got ${year}`);
  return formatDocumentNumber(kind, year, await incrementSequence(tx, kind, year));
}

import type { Problem } from '@ordercare/contracts';
import { isApiError } from '../api/client';

export type FieldError = NonNullable<Problem['errors']>[number];

/** The problem+json carried by an `ApiError`, or `null` for anything else. */
export function problemOf(error: unknown): Problem | null {
  return isApiError(error) ? error.problem : null;
}

/**
 * Form path of a server error path: `body.contacts.0.email` → `contacts.0.email`.
 * Also accepts JSON-pointer style (`/contacts/0/email`). `null` for errors that
 * are not about the body (query, params, headers).
 */
export function formPath(path: string): string | null {
  const parts = path.split(/[./]/).filter(Boolean);
  if (parts[0] === 'querystring' || parts[0] === 'params' || parts[0] === 'headers') return null;
  if (parts[0] === 'body') parts.shift();
  return parts.length ? parts.join('.') : null;
}

function valueAt(values: unknown, path: string): unknown {
  let current: unknown = values;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** The parts of a Mantine form that `applyFieldErrors` needs. */
export interface FieldErrorTarget {
  getValues(): unknown;
  setFieldError(path: string, error: string): void;
}

/**
 * Shows the server's `errors[]` on the form fields they name. Returns the
 * errors that match no field of the form, for the page to show in its alert.
 */
export function applyFieldErrors(form: FieldErrorTarget, error: unknown): FieldError[] {
  const problem = problemOf(error);
  if (!problem?.errors) return [];
  const values = form.getValues();
  const unmatched: FieldError[] = [];
  for (const item of problem.errors) {
    const path = formPath(item.path);
    if (path && valueAt(values, path) !== undefined) form.setFieldError(path, item.message);
    else unmatched.push(item);
  }
  return unmatched;
}

import { describe, expect, it } from 'vitest';
import type { Problem } from '@ordercare/contracts';
import { ApiError } from '../api/client';
import { applyFieldErrors, formPath } from './problem';

function apiError(errors: Problem['errors']): ApiError {
  return new ApiError({ type: 'about:blank', title: 'Bad', status: 400, detail: 'Bad', code: 'validation_failed', errors });
}

describe('formPath', () => {
  it('strips the body prefix and keeps nested paths and indexes', () => {
    expect(formPath('body.email')).toBe('email');
    expect(formPath('body.contacts.0.email')).toBe('contacts.0.email');
    expect(formPath('/addresses/1/country')).toBe('addresses.1.country');
    expect(formPath('header.if-match')).toBe('header.if-match');
    expect(formPath('querystring.cursor')).toBeNull();
    expect(formPath('body')).toBeNull();
  });
});

describe('applyFieldErrors', () => {
  it('sets errors on the fields the form has and returns the others', () => {
    const values = { email: '', contacts: [{ email: 'x' }] };
    const set: Record<string, string> = {};
    const form = { getValues: () => values, setFieldError: (path: string, message: string) => void (set[path] = message) };
    const unmatched = applyFieldErrors(
      form,
      apiError([
        { path: 'body.email', message: 'taken' },
        { path: 'body.contacts.0.email', message: 'not an email' },
        { path: 'body.contacts.3.email', message: 'no such row' },
        { path: 'header.if-match', message: 'is required' },
      ]),
    );
    expect(set).toEqual({ email: 'taken', 'contacts.0.email': 'not an email' });
    expect(unmatched.map((e) => e.path)).toEqual(['body.contacts.3.email', 'header.if-match']);
  });

  it('ignores errors that are not API errors', () => {
    const form = { getValues: () => ({}), setFieldError: () => undefined };
    expect(applyFieldErrors(form, new Error('boom'))).toEqual([]);
  });
});

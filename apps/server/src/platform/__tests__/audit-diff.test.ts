import { describe, expect, it } from 'vitest';
import { diffFields } from '../audit.js';

describe('diffFields', () => {
  it('lists only the fields whose value changed', () => {
    expect(diffFields({ name: 'A', role: 'sales', locale: 'en' }, { name: 'B', role: 'sales', locale: 'en' })).toEqual({ name: { from: 'A', to: 'B' } });
    expect(diffFields({ name: 'A' }, { name: 'A' })).toEqual({});
  });

  it('shows a create as from null and a delete as to null', () => {
    expect(diffFields(undefined, { email: 'a@b.co', active: true })).toEqual({ email: { from: null, to: 'a@b.co' }, active: { from: null, to: true } });
    expect(diffFields({ email: 'a@b.co' }, undefined)).toEqual({ email: { from: 'a@b.co', to: null } });
    expect(diffFields()).toEqual({});
  });

  it('includes fields present on only one side', () => {
    expect(diffFields({ a: 1 }, { b: 2 })).toEqual({ a: { from: 1, to: null }, b: { from: null, to: 2 } });
  });

  it('compares structured values by content, not identity', () => {
    expect(diffFields({ tags: ['a', 'b'] }, { tags: ['a', 'b'] })).toEqual({});
    expect(diffFields({ address: { city: 'X' } }, { address: { city: 'Y' } })).toEqual({ address: { from: { city: 'X' }, to: { city: 'Y' } } });
    expect(diffFields({ tags: ['a', 'b'] }, { tags: ['b', 'a'] })).toEqual({ tags: { from: ['a', 'b'], to: ['b', 'a'] } });
  });

  it('tells a change to a falsy value apart from no change', () => {
    expect(diffFields({ qty: 1, active: true, note: 'x' }, { qty: 0, active: false, note: '' })).toEqual({
      qty: { from: 1, to: 0 },
      active: { from: true, to: false },
      note: { from: 'x', to: '' },
    });
  });

  it('redacts secrets, showing only that they were set or changed', () => {
    for (const field of ['password', 'passwordHash', 'password_hash', 'token', 'tokenHash', 'token_hash', 'csrfToken']) {
      expect(diffFields({}, { [field]: 'secret-1' })).toEqual({ [field]: { from: null, to: '[redacted]' } });
      expect(diffFields({ [field]: 'secret-1' }, { [field]: 'secret-2' })).toEqual({ [field]: { from: '[redacted]', to: '[redacted]' } });
      expect(diffFields({ [field]: 'secret-1' }, {})).toEqual({ [field]: { from: '[redacted]', to: null } });
      expect(diffFields({ [field]: 'same' }, { [field]: 'same' })).toEqual({});
    }
    expect(JSON.stringify(diffFields({ password: 'old-pass' }, { password: 'new-pass' }))).not.toMatch(/old-pass|new-pass/);
  });

  it('does not redact ordinary fields that merely contain the word', () => {
    expect(diffFields({}, { passwordChangedAt: '2026-01-01' })).toEqual({ passwordChangedAt: { from: null, to: '2026-01-01' } });
  });
});

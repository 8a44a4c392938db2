import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from '../../../../test/support/runtime.js';
import { inTransaction } from '../../../platform/db/index.js';
import { err, ok } from '../../../platform/result.js';
import { nextDocumentNumber } from '../index.js';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime();
});
afterAll(() => rt?.close());

const take = (year: number) => inTransaction(rt.deps.db, async (tx) => ok(await nextDocumentNumber(tx, 'invoice', year)));
const taken = async (year: number) => {
  const r = await take(year);
  if (!r.ok) throw new Error('unreachable');
  return r.value;
};

describe('nextDocumentNumber', () => {
  it('numbers invoices sequentially within a year and starts again at 1 in the next', async () => {
    expect(await taken(2026)).toBe('INV-2026-000001');
    expect(await taken(2026)).toBe('INV-2026-000002');
    expect(await taken(2027)).toBe('INV-2027-000001');
    expect(await taken(2026)).toBe('INV-2026-000003');
  });

  it('gives the number of a rolled-back transaction to the next one', async () => {
    const failed = await inTransaction(rt.deps.db, async (tx) => {
      expect(await nextDocumentNumber(tx, 'invoice', 2026)).toBe('INV-2026-000004');
      return err('declined');
    });
    expect(failed).toEqual({ ok: false, error: 'declined' });
    await expect(
      rt.deps.db.transaction().execute(async (tx) => {
        await nextDocumentNumber(tx, 'invoice', 2026);
        throw new Error('crash');
      }),
    ).rejects.toThrow('crash');
    expect(await taken(2026)).toBe('INV-2026-000004');
  });

  it('hands concurrent transactions distinct numbers without gaps', async () => {
    const numbers = await Promise.all(Array.from({ length: 20 }, () => taken(2030)));
    expect(numbers.sort()).toEqual(Array.from({ length: 20 }, (_, i) => `INV-2030-${String(i + 1).padStart(6, '0')}`));
  });

  it('refuses a year that is not a four-digit year (a bug in the caller)', async () => {
    await expect(take(26)).rejects.toThrow(RangeError);
  });
});

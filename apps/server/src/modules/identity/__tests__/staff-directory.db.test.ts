import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from '../../../../test/support/runtime.js';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime();
});
afterAll(() => rt?.close());

describe('staff directory', () => {
  it('gives every staff role names and roles of all staff, without emails', async () => {
    const res = await rt.app.inject({ method: 'GET', url: '/api/v1/staff', headers: await rt.asRole('warehouse') });
    expect(res.statusCode).toBe(200);
    const data = res.json().data as Record<string, unknown>[];
    expect(data.map((u) => u.name)).toEqual(expect.arrayContaining(['Demo Admin', 'Li Na', 'Tom Baker', 'Wang Fang']));
    expect(data.find((u) => u.name === 'Li Na')).toMatchObject({ role: 'sales', active: true });
    expect(JSON.stringify(data)).not.toContain('@example.com');
  });

  it('is closed to anonymous callers and portal customers', async () => {
    expect((await rt.app.inject({ method: 'GET', url: '/api/v1/staff' })).statusCode).toBe(401);
  });
});

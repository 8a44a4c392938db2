import { afterEach } from 'vitest';
import { startTestRuntime, type TestRuntime } from '../../../../test/support/runtime.js';

/** Test runtimes started through `start`, closed after each test. */
const open: TestRuntime[] = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});
export async function start(...args: Parameters<typeof startTestRuntime>): Promise<TestRuntime> {
  const rt = await startTestRuntime(...args);
  open.push(rt);
  return rt;
}

export const event = (n: number) => ({ type: 'test.happened', aggregateType: 'test', aggregateId: `t_${n}`, payload: { n } });

/** The events whose test handler's effect (an audit row) was recorded. */
export async function effects(rt: TestRuntime, eventId?: string): Promise<string[]> {
  let q = rt.deps.db.selectFrom('audit_log').select(['entity_id']).where('action', '=', 'test.handled');
  if (eventId) q = q.where('entity_id', '=', eventId);
  return (await q.execute()).map((r) => r.entity_id);
}

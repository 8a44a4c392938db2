import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGO_MAX_BYTES, STAFF_ROLES, type CompanySettings, type Problem } from '@ordercare/contracts';
import { manualClock } from '../../../../test/support/clock.js';
import { startTestRuntime, type TestRuntime } from '../../../../test/support/runtime.js';
import { demoLogoPng, getCompanyLogo, getCompanySettings, seedDemoSettings } from '../index.js';
import { PNG_SIGNATURE } from '../png.js';

const clock = manualClock();
let rt: TestRuntime;
let manager: Record<string, string>;
beforeAll(async () => {
  rt = await startTestRuntime({ clock });
  manager = await rt.asRole('manager');
});
afterAll(() => rt?.close());

const URL = '/api/v1/settings/company';
const get = async (role: (typeof STAFF_ROLES)[number] = 'sales') => rt.app.inject({ method: 'GET', url: URL, headers: await rt.asRole(role) });
const patch = (payload: Record<string, unknown>, ifMatch?: string, headers = manager) =>
  rt.app.inject({ method: 'PATCH', url: URL, headers: { ...headers, ...(ifMatch === undefined ? {} : { 'if-match': ifMatch }) }, payload });
const putLogo = (payload: Record<string, unknown>, headers = manager) => rt.app.inject({ method: 'PUT', url: `${URL}/logo`, headers, payload });
const events = () => rt.deps.db.selectFrom('outbox').select(['type', 'payload']).where('type', '=', 'settings.company_updated').orderBy('id').execute();

describe('company settings', () => {
  it('reads defaults at version 0 before the first save, for every staff role', async () => {
    for (const role of STAFF_ROLES) {
      const res = await get(role);
      expect(res.statusCode).toBe(200);
      expect(res.headers.etag).toBe('"0"');
      expect(res.json<CompanySettings>()).toMatchObject({ name: '', defaultCurrency: 'CNY', logo: null, version: 0, updatedAt: null, bankSwift: null });
    }
  });

  it('edits with If-Match: 428 without it, 412 when stale, a new version, audit and event when current', async () => {
    const missing = await patch({ name: 'Acme' });
    expect([missing.statusCode, missing.json<Problem>().code]).toEqual([428, 'if_match_required']);
    const unreadable = await patch({ name: 'Acme' }, 'latest');
    expect([unreadable.statusCode, unreadable.json<Problem>().errors?.[0]?.path]).toEqual([400, 'header.if-match']);

    const first = await patch({ name: 'Acme Trading', nameZh: '阿克米贸易', city: 'Shanghai', country: 'cn', bankSwift: 'bkchcnbj300', defaultCurrency: 'gbp' }, '"0"');
    expect(first.statusCode).toBe(200);
    expect(first.headers.etag).toBe('"1"');
    expect(first.json<CompanySettings>()).toMatchObject({ name: 'Acme Trading', nameZh: '阿克米贸易', country: 'CN', bankSwift: 'BKCHCNBJ300', defaultCurrency: 'GBP', version: 1 });
    expect(first.json<CompanySettings>().updatedAt).toBe(clock.iso());

    const stale = await patch({ name: 'Other' }, '"0"');
    expect([stale.statusCode, stale.json<Problem>().code]).toEqual([412, 'version_conflict']);
    expect(stale.json<Problem>().detail).toContain('now at version 1');

    const cleared = await patch({ nameZh: null, phone: '+86 21 6888 1234' }, 'W/"1"');
    expect(cleared.json<CompanySettings>()).toMatchObject({ nameZh: null, phone: '+86 21 6888 1234', version: 2 });
    const same = await patch({ name: 'Acme Trading' }, '"2"');
    expect(same.json<CompanySettings>().version).toBe(2); // nothing changed, nothing written

    expect((await get()).json<CompanySettings>()).toEqual(cleared.json());
    expect((await events()).map((e) => JSON.parse(e.payload) as { changed: string[]; version: number })).toMatchObject([
      { changed: ['name', 'nameZh', 'city', 'country', 'bankSwift', 'defaultCurrency'], version: 1 },
      { changed: ['nameZh', 'phone'], version: 2 },
    ]);
    const audit = await rt.deps.db.selectFrom('audit_log').select(['action', 'changes']).where('entity_type', '=', 'company_settings').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['settings.company_updated', 'settings.company_updated']);
    expect(JSON.parse(audit[1]!.changes)).toMatchObject({ nameZh: { from: '阿克米贸易', to: null } });
  });

  it('lets only admins and managers edit', async () => {
    for (const role of ['sales', 'support', 'warehouse', 'finance'] as const) {
      const res = await patch({ name: 'Hijack' }, '"2"', await rt.asRole(role));
      expect([role, res.statusCode, res.json<Problem>().code]).toEqual([role, 403, 'forbidden']);
    }
    expect((await patch({ website: 'www.acme.example' }, '"2"', await rt.asRole('admin'))).statusCode).toBe(200);
  });

  it('validates the body: unknown fields, empty name, bad email, SWIFT and currency', async () => {
    const res = await patch({ name: ' ', email: 'nope', bankSwift: 'ABC', defaultCurrency: 'yuan', colour: 'red' }, '"3"');
    expect(res.statusCode).toBe(400);
    expect(res.json<Problem>().errors?.map((e) => e.path).sort()).toEqual(['body.bankSwift', 'body.colour', 'body.defaultCurrency', 'body.email', 'body.name']);
  });
});

describe('company logo', () => {
  const png = demoLogoPng();
  const b64 = (data: Buffer) => data.toString('base64');

  it('stores a valid PNG, serves it with its type, and lists it in the settings', async () => {
    const before = (await get()).json<CompanySettings>().version;
    const res = await putLogo({ mimeType: 'image/png', dataBase64: b64(png) });
    expect(res.statusCode).toBe(200);
    expect(res.json<CompanySettings>()).toMatchObject({ logo: { mimeType: 'image/png', bytes: png.length, url: '/api/v1/settings/company/logo' }, version: before + 1 });
    const image = await rt.app.inject({ method: 'GET', url: `${URL}/logo`, headers: await rt.asRole('warehouse') });
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.rawPayload.equals(png)).toBe(true);
    expect(await getCompanyLogo(rt.deps.db)).toEqual({ mimeType: 'image/png', data: png });
    expect(JSON.parse((await events()).at(-1)!.payload)).toMatchObject({ changed: ['logo'] });
  });

  it('refuses data whose magic bytes are not the declared type, naming what it found', async () => {
    const fake = Buffer.concat([Buffer.from('GIF89a'), png.subarray(6)]);
    const res = await putLogo({ mimeType: 'image/png', dataBase64: b64(fake) });
    expect([res.statusCode, res.json<Problem>().code]).toEqual([400, 'validation_failed']);
    expect(res.json<Problem>().detail).toBe('The logo is not a PNG image: its first bytes are 47 49 46 38 39 61 1A 0A, and a PNG starts with 89 50 4E 47 0D 0A 1A 0A.');
    expect(res.json<Problem>().errors).toEqual([{ path: 'body.dataBase64', message: expect.stringContaining('is not a PNG image') }]);

    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);
    const mislabelled = await putLogo({ mimeType: 'image/png', dataBase64: b64(jpeg) });
    expect(mislabelled.json<Problem>().detail).toBe('The logo is a JPEG image, but mimeType says image/png; send mimeType image/jpeg.');

    const damaged = Buffer.from(png);
    damaged[45] = damaged[45]! ^ 0xff; // inside the IDAT data
    expect((await putLogo({ mimeType: 'image/png', dataBase64: b64(damaged) })).json<Problem>().detail).toBe('The logo starts like a PNG but is damaged (the IDAT chunk fails its checksum).');
    const notBase64 = await putLogo({ mimeType: 'image/png', dataBase64: 'data:image/png;base64,iVBOR' });
    expect(notBase64.json<Problem>().errors?.[0]?.path).toBe('body.dataBase64');
    expect((await getCompanyLogo(rt.deps.db))?.data.equals(png)).toBe(true); // unchanged
  });

  it('refuses a logo above 1 MiB with 413, and a body far above it as invalid', async () => {
    const big = Buffer.concat([PNG_SIGNATURE, Buffer.alloc(LOGO_MAX_BYTES + 1 - PNG_SIGNATURE.length)]);
    const res = await putLogo({ mimeType: 'image/png', dataBase64: b64(big) });
    expect([res.statusCode, res.json<Problem>().code]).toEqual([413, 'payload_too_large']);
    expect(res.json<Problem>().detail).toContain('at most 1.00 MiB (1048576 bytes)');
    const huge = await putLogo({ mimeType: 'image/png', dataBase64: 'A'.repeat(2_000_004) });
    expect([huge.statusCode, huge.json<Problem>().errors?.[0]?.path]).toEqual([400, 'body.dataBase64']);
  });

  it('lets only admins and managers change it, and removes it', async () => {
    expect((await putLogo({ mimeType: 'image/png', dataBase64: b64(png) }, await rt.asRole('sales'))).statusCode).toBe(403);
    expect((await rt.app.inject({ method: 'DELETE', url: `${URL}/logo`, headers: await rt.asRole('finance') })).statusCode).toBe(403);
    const removed = await rt.app.inject({ method: 'DELETE', url: `${URL}/logo`, headers: manager });
    expect(removed.statusCode).toBe(200);
    expect(removed.json<CompanySettings>().logo).toBeNull();
    const gone = await rt.app.inject({ method: 'GET', url: `${URL}/logo`, headers: manager });
    expect([gone.statusCode, gone.json<Problem>().code]).toEqual([404, 'not_found']);
    const again = await rt.app.inject({ method: 'DELETE', url: `${URL}/logo`, headers: manager });
    expect(again.json<CompanySettings>().version).toBe(removed.json<CompanySettings>().version);
  });
});

describe('seedDemoSettings', () => {
  it('fills in the demo company with a logo only when no settings were saved', async () => {
    expect(await seedDemoSettings(rt.deps)).toBe(false); // the tests above saved settings
    const fresh = await startTestRuntime();
    try {
      expect(await seedDemoSettings(fresh.deps)).toBe(true);
      const s = await getCompanySettings(fresh.deps.db);
      expect(s).toMatchObject({ name: 'OrderCare Demo Trading Co., Ltd.', nameZh: '演示贸易有限公司', city: 'Shanghai', bankSwift: 'BKCHCNBJ300', version: 1, logo: { mimeType: 'image/png' } });
      expect(await seedDemoSettings(fresh.deps)).toBe(false);
    } finally {
      await fresh.close();
    }
  });
});

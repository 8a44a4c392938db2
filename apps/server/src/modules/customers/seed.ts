import type { CreateCustomerRequest } from '@ordercare/contracts';
import { CreateCustomerRequest as CreateSchema } from '@ordercare/contracts';
import type { Deps } from '../../deps.js';
import { SYSTEM_ACTOR } from '../../platform/auth/index.js';
import { findStaffUser } from '../identity/index.js';
import { createCustomer } from './commands/create-customer.js';

/** The customer the demo portal account (customer@example.com) belongs to. */
export const DEMO_CUSTOMER_ID = 'cus_demo';

type Seed = Partial<CreateCustomerRequest> & { name: string; managed?: boolean };

const cn = (line1: string, city: string, postalCode: string, name: string) => ({ name, line1, city, postalCode, country: 'CN' });

const SEEDS: Seed[] = [
  { kind: 'individual', name: 'Demo Customer', email: 'customer@example.com', phone: '+44 20 7946 0958', tags: ['retail'], managed: true,
    addresses: [{ kind: 'shipping', isDefault: true, name: 'Demo Customer', line1: '221 Baker Street', city: 'London', postalCode: 'NW1 6XE', country: 'GB' }] },
  { kind: 'business', name: '上海华东机械有限公司', legalName: '上海华东机械有限公司', taxId: '91310000MA1FL8XQ2B', email: 'purchasing@hdjx.example.cn', phone: '021 6234 5678', locale: 'zh-CN', tags: ['vip', 'wholesale'], managed: true,
    contacts: [{ name: '陈建国', role: '采购经理', email: 'chen.jg@hdjx.example.cn', phone: '139 1234 5678', isPrimary: true }, { name: '刘洋', role: '财务', phone: '138 1765 4321', isPrimary: false }],
    addresses: [{ kind: 'billing', isDefault: true, ...cn('浦东新区张江路 88 号', '上海', '201203', '上海华东机械有限公司') }, { kind: 'shipping', isDefault: true, ...cn('嘉定区工业园区 12 号仓库', '上海', '201800', '上海华东机械有限公司') }] },
  { kind: 'individual', name: '王芳', email: 'wangfang@example.cn', phone: '186 2100 3344', locale: 'zh-CN', preferredChannel: 'sms', birthday: '1988-05-12', tags: ['retail'],
    addresses: [{ kind: 'shipping', isDefault: true, ...cn('朝阳区建国路 93 号 2 单元 501', '北京', '100022', '王芳') }] },
  { kind: 'business', name: 'Acme Industrial Supplies Ltd', legalName: 'Acme Industrial Supplies Limited', taxId: 'GB123456789', email: 'orders@acme-industrial.example.co.uk', phone: '0161 496 0123', tags: ['wholesale'], managed: true,
    contacts: [{ name: 'Sarah Thompson', role: 'Procurement', email: 'sarah.thompson@acme-industrial.example.co.uk', phone: '+44 161 496 0456', isPrimary: true }],
    addresses: [{ kind: 'billing', isDefault: true, name: 'Acme Industrial Supplies Ltd', line1: '14 Trafford Park Road', city: 'Manchester', postalCode: 'M17 1HH', country: 'GB' }] },
  { kind: 'business', name: 'Müller Antriebstechnik GmbH', legalName: 'Müller Antriebstechnik GmbH', taxId: 'DE811234567', email: 'einkauf@mueller-antriebe.example.de', phone: '+49 89 12345678', tags: ['vip', 'wholesale'],
    contacts: [{ name: 'Jonas Müller', role: 'Einkauf', email: 'j.mueller@mueller-antriebe.example.de', phone: '+49 151 23456789', isPrimary: true }],
    addresses: [{ kind: 'billing', isDefault: true, name: 'Müller Antriebstechnik GmbH', line1: 'Landsberger Str. 110', city: 'München', postalCode: '80339', country: 'DE' }] },
  { kind: 'business', name: '深圳市创新电子科技有限公司', taxId: '91440300MA5DC1234X', email: 'sales@cxdz.example.cn', phone: '0755 8888 1234', locale: 'zh-CN', tags: ['wholesale'], managed: true,
    contacts: [{ name: '李明', role: '总经理', phone: '137 2345 6789', isPrimary: true }],
    addresses: [{ kind: 'billing', isDefault: true, ...cn('南山区科技园南区 15 栋', '深圳', '518057', '深圳市创新电子科技有限公司') }] },
  { kind: 'individual', name: 'James Wilson', email: 'james.wilson@example.com', phone: '+44 20 7946 0321', tags: ['retail'], birthday: '1975-11-30', consent: { marketing: true, email: true, sms: false, phone: true, portal: true },
    addresses: [{ kind: 'shipping', isDefault: true, name: 'James Wilson', line1: '8 Queen Street', city: 'Edinburgh', postalCode: 'EH2 1JE', country: 'GB' }] },
  { kind: 'individual', name: '张伟', email: 'zhangwei@example.cn', phone: '138 0013 8000', locale: 'zh-CN', preferredChannel: 'phone', tags: ['vip', 'retail'], managed: true,
    addresses: [{ kind: 'shipping', isDefault: true, ...cn('天河区体育西路 101 号', '广州', '510620', '张伟') }] },
  { kind: 'business', name: 'Northwind Traders', taxId: 'GB987654321', email: 'accounts@northwind.example.com', phone: '+44 20 7946 0777', tags: ['wholesale'],
    addresses: [{ kind: 'billing', isDefault: true, name: 'Northwind Traders', line1: '1 Canada Square', city: 'London', postalCode: 'E14 5AB', country: 'GB' }] },
  { kind: 'business', name: '杭州西湖茶业有限公司', email: 'info@xhcy.example.cn', phone: '0571 8765 4321', locale: 'zh-CN', preferredChannel: 'portal', tags: ['retail'],
    addresses: [{ kind: 'billing', isDefault: true, ...cn('西湖区龙井路 1 号', '杭州', '310013', '杭州西湖茶业有限公司') }] },
  { kind: 'individual', name: 'Anna Schmidt', email: 'anna.schmidt@example.de', phone: '+49 30 901820', tags: ['retail'], preferredChannel: 'email',
    addresses: [{ kind: 'shipping', isDefault: true, name: 'Anna Schmidt', line1: 'Torstraße 49', city: 'Berlin', postalCode: '10119', country: 'DE' }] },
  { kind: 'business', name: 'Bergmann Werkzeuge KG', taxId: 'DE298765432', email: 'info@bergmann-werkzeuge.example.de', phone: '+49 711 1234567', tags: ['wholesale'],
    addresses: [{ kind: 'billing', isDefault: true, name: 'Bergmann Werkzeuge KG', line1: 'Königstraße 22', city: 'Stuttgart', postalCode: '70173', country: 'DE' }] },
  { kind: 'individual', name: '刘丽', email: 'liuli@example.cn', phone: '135 1234 8765', locale: 'zh-CN', birthday: '1992-02-14', tags: ['retail'], managed: true,
    addresses: [{ kind: 'shipping', isDefault: true, ...cn('武侯区人民南路四段 9 号', '成都', '610041', '刘丽') }] },
  { kind: 'business', name: 'Harbour Marine Equipment Ltd', email: 'buying@harbourmarine.example.co.uk', phone: '+44 117 496 0123', tags: ['vip'],
    contacts: [{ name: 'Oliver Hughes', role: 'Director', email: 'oliver@harbourmarine.example.co.uk', isPrimary: true }],
    addresses: [{ kind: 'billing', isDefault: true, name: 'Harbour Marine Equipment Ltd', line1: '3 Harbourside', city: 'Bristol', postalCode: 'BS1 5TY', country: 'GB' }] },
  { kind: 'business', name: '北京京城五金批发中心', email: 'pifa@jcwj.example.cn', phone: '010 8888 6666', locale: 'zh-CN', tags: ['wholesale'], managed: true,
    addresses: [{ kind: 'billing', isDefault: true, ...cn('丰台区南三环西路 16 号', '北京', '100068', '北京京城五金批发中心') }] },
  { kind: 'individual', name: 'Emily Clarke', email: 'emily.clarke@example.co.uk', phone: '+44 131 496 0999', tags: ['retail'], preferredChannel: 'sms',
    addresses: [{ kind: 'shipping', isDefault: true, name: 'Emily Clarke', line1: '27 Rose Street', city: 'Edinburgh', postalCode: 'EH2 2PR', country: 'GB' }] },
  { kind: 'business', name: 'Schneider Präzisionsteile AG', taxId: 'DE334455667', email: 'bestellung@schneider-praezision.example.de', phone: '+49 40 3456789', tags: ['vip', 'wholesale'],
    addresses: [{ kind: 'billing', isDefault: true, name: 'Schneider Präzisionsteile AG', line1: 'Hafenstraße 5', city: 'Hamburg', postalCode: '20459', country: 'DE' }] },
  { kind: 'individual', name: '陈静', email: 'chenjing@example.cn', phone: '150 2100 7788', locale: 'zh-CN', tags: ['retail'],
    addresses: [{ kind: 'shipping', isDefault: true, ...cn('鼓楼区中山路 321 号', '南京', '210008', '陈静') }] },
  { kind: 'business', name: 'Greenfield Farm Supplies', email: 'hello@greenfield.example.co.uk', phone: '+44 1223 496 012', tags: ['retail'],
    addresses: [{ kind: 'billing', isDefault: true, name: 'Greenfield Farm Supplies', line1: 'Mill Lane', city: 'Cambridge', postalCode: 'CB2 1RX', country: 'GB' }] },
  { kind: 'business', name: '苏州精密模具有限公司', taxId: '91320500MA1N2B3C4D', email: 'mold@szjm.example.cn', phone: '0512 6666 8888', locale: 'zh-CN', tags: ['vip'], managed: true,
    contacts: [{ name: '周强', role: '厂长', phone: '139 6212 3456', isPrimary: true }],
    addresses: [{ kind: 'billing', isDefault: true, ...cn('工业园区星湖街 328 号', '苏州', '215123', '苏州精密模具有限公司') }] },
  { kind: 'individual', name: 'Thomas Becker', email: 'thomas.becker@example.de', phone: '+49 221 9876543', tags: ['retail'],
    addresses: [{ kind: 'shipping', isDefault: true, name: 'Thomas Becker', line1: 'Hohe Straße 12', city: 'Köln', postalCode: '50667', country: 'DE' }] },
  { kind: 'business', name: 'Pacific Rim Imports', email: 'trade@pacificrim.example.com', phone: '+86 21 5888 1234', tags: ['wholesale'],
    addresses: [{ kind: 'billing', isDefault: true, ...cn('黄浦区中山东一路 18 号', '上海', '200002', 'Pacific Rim Imports') }] },
  { kind: 'individual', name: '赵磊', email: 'zhaolei@example.cn', phone: '181 0571 2233', locale: 'zh-CN', preferredChannel: 'portal', tags: ['retail'],
    addresses: [{ kind: 'shipping', isDefault: true, ...cn('拱墅区莫干山路 100 号', '杭州', '310005', '赵磊') }] },
  { kind: 'business', name: 'Oakridge Hotels Group', email: 'procurement@oakridgehotels.example.com', phone: '+44 20 7946 0555', tags: ['vip'], managed: true,
    addresses: [{ kind: 'billing', isDefault: true, name: 'Oakridge Hotels Group', line1: '50 Strand', city: 'London', postalCode: 'WC2N 5LR', country: 'GB' }] },
  { kind: 'individual', name: 'Sophie Wagner', email: 'sophie.wagner@example.de', tags: ['retail'], notes: 'Prefers deliveries after 17:00.',
    addresses: [{ kind: 'shipping', isDefault: true, name: 'Sophie Wagner', line1: 'Zeil 106', city: 'Frankfurt am Main', postalCode: '60313', country: 'DE' }] },
];

/**
 * About 25 demo customers (English and Chinese, business and individual, CN/GB/DE), among them
 * `cus_demo` "Demo Customer" whom the demo portal account belongs to. Only when there are no
 * customers yet; returns whether it seeded. Some are managed by the demo sales user.
 */
export async function seedDemoCustomers(deps: Deps): Promise<boolean> {
  const any = await deps.db.selectFrom('customers').select('id').limit(1).executeTakeFirst();
  if (any) return false;
  const sales = await findStaffUser(deps.db, { email: 'sales@example.com' });
  await deps.db.transaction().execute(async (tx) => {
    for (const [i, { managed, ...seed }] of SEEDS.entries()) {
      const input = CreateSchema.parse({ ...seed, accountManagerId: managed && sales ? sales.id : undefined });
      const result = await createCustomer(tx, deps, SYSTEM_ACTOR, input, i === 0 ? { id: DEMO_CUSTOMER_ID } : {});
      if (!result.ok) throw new Error(`demo customer ${seed.name}: ${JSON.stringify(result.error)}`);
    }
  });
  deps.wakeWorker();
  return true;
}

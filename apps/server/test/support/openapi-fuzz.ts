import fc from 'fast-check';

/**
 * A small OpenAPI 3.1 → fast-check bridge for the reliability fuzzer. It understands the JSON
 * Schema subset the server emits (object/properties/required/additionalProperties/propertyNames,
 * string with length/enum/format/pattern, integer/number with bounds and multipleOf, boolean, null,
 * array with items and item counts, anyOf/oneOf/allOf, const, type arrays) and turns each
 * operation into an arbitrary of requests: mostly malformed or at a boundary, sometimes valid.
 *
 * Requests are plain data (printable in a failure report); path ids can point into a pool of real
 * ids that the test resolves when it sends the request, so fuzzing reaches past the "not found".
 */

export type JsonSchema = { [key: string]: unknown };

/** One API operation, as read from the document. */
export interface Operation {
  method: string;
  path: string;
  pathParams: Param[];
  query: Param[];
  headers: Param[];
  body?: JsonSchema;
  bodyRequired: boolean;
  /** 'staff' (session or bearer), 'portal' (portal cookie) or 'public'. */
  access: 'staff' | 'portal' | 'public';
}

export interface Param {
  name: string;
  required: boolean;
  schema: JsonSchema;
}

/** A path parameter: an index into the test's pool of real ids, or literal text (already URL-safe or deliberately not). */
export type PathValue = { pool: number } | { raw: string } | { text: string };

export type Auth = 'admin' | 'none' | 'garbage' | 'portal' | { role: string };

/** A request template: `path` still has `{name}` placeholders filled from `pathValues` at send time. */
export interface FuzzRequest {
  method: string;
  path: string;
  pathValues: Record<string, PathValue>;
  query: string;
  headers: Record<string, string>;
  /** Raw body text, or undefined for no body. */
  body?: string;
  auth: Auth;
  /** What was done to the request, for the failure report. */
  note: string;
}

/** A literal JSON token written as-is by `toJsonText` (numbers JSON.stringify cannot write, e.g. 1e400). */
export class RawJson {
  constructor(readonly text: string) {}
}

/** JSON.stringify that writes `RawJson` tokens verbatim. */
export function toJsonText(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${JSON.stringify(k)}:${toJsonText(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

// ---------------------------------------------------------------------------------------------
// Reading the document

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

export function operationsOf(doc: { paths: Record<string, Record<string, unknown>> }): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method] as
        | { parameters?: { in: string; name: string; required?: boolean; schema?: JsonSchema }[]; requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema }> }; security?: Record<string, unknown>[] }
        | undefined;
      if (!op) continue;
      const params = op.parameters ?? [];
      const pick = (where: string) => params.filter((p) => p.in === where).map((p) => ({ name: p.name, required: p.required === true, schema: p.schema ?? {} }));
      const security = op.security ?? [];
      const access = security.some((s) => 'portalCookie' in s) ? 'portal' : security.length > 0 ? 'staff' : 'public';
      const body = op.requestBody?.content?.['application/json']?.schema;
      ops.push({ method: method.toUpperCase(), path, pathParams: pick('path'), query: pick('query'), headers: pick('header'), body, bodyRequired: op.requestBody?.required === true, access });
    }
  }
  return ops;
}

// ---------------------------------------------------------------------------------------------
// Valid values

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const typesOf = (s: JsonSchema): string[] => (Array.isArray(s.type) ? (s.type as string[]) : typeof s.type === 'string' ? [s.type] : []);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

/** Merges an allOf of object schemas (the only allOf the server emits is a refinement of objects). */
function mergeAllOf(parts: JsonSchema[]): JsonSchema {
  const out: JsonSchema = {};
  for (const p of parts) {
    for (const [k, v] of Object.entries(p)) {
      if (k === 'properties') out.properties = { ...(out.properties as object), ...(v as object) };
      else if (k === 'required') out.required = [...((out.required as string[]) ?? []), ...(v as string[])];
      else out[k] = v;
    }
  }
  return out;
}

function isoDate(min: number, max: number) {
  return fc.integer({ min, max }).map((day) => new Date(day * 86_400_000).toISOString().slice(0, 10));
}

function validString(s: JsonSchema): fc.Arbitrary<string> {
  const minLength = num(s.minLength) ?? 0;
  const maxLength = num(s.maxLength) ?? 64;
  const fits = (v: string) => v.length >= minLength && v.length <= maxLength && v.trim().length >= Math.min(1, minLength);
  if (s.format === 'date') return isoDate(18_000, 22_000);
  if (s.format === 'date-time') return fc.integer({ min: 1_500_000_000, max: 1_900_000_000 }).map((t) => new Date(t * 1000).toISOString());
  if (s.format === 'email') return fc.emailAddress().filter((v) => v.length <= maxLength);
  if (typeof s.pattern === 'string') {
    try {
      const re = new RegExp(s.pattern, 'u');
      // fast-check's regex support does not cover \p{…} classes: fall back to letters and digits.
      if (/\\p\{/.test(s.pattern)) return fc.string({ unit: fc.constantFrom(...'abcXYZ019中文'), minLength: Math.max(1, minLength), maxLength: Math.min(maxLength, 20) }).filter((v) => re.test(v) && fits(v));
      return fc.stringMatching(re).filter(fits);
    } catch {
      // an exotic pattern: valid values are not essential, random text will do
    }
  }
  return fc.string({ minLength, maxLength: Math.max(minLength, Math.min(maxLength, 40)) }).filter(fits);
}

function validInteger(s: JsonSchema): fc.Arbitrary<number> {
  const min = Math.max(num(s.minimum) ?? -1_000_000, -MAX_SAFE);
  const max = Math.min(num(s.maximum) ?? 1_000_000, MAX_SAFE);
  return fc.oneof(
    { weight: 4, arbitrary: fc.bigInt({ min: BigInt(Math.ceil(min)), max: BigInt(Math.floor(Math.min(max, min + 1000))) }).map(Number) },
    { weight: 1, arbitrary: fc.bigInt({ min: BigInt(Math.ceil(min)), max: BigInt(Math.floor(max)) }).map(Number) },
  );
}

function validNumber(s: JsonSchema): fc.Arbitrary<number> {
  const min = num(s.minimum) ?? -1e6;
  const max = num(s.maximum) ?? 1e6;
  const step = num(s.multipleOf);
  if (step) return fc.integer({ min: Math.ceil(min / step), max: Math.floor(max / step) }).map((n) => Math.round(n * step * 1e6) / 1e6);
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

/** Values that satisfy the schema (best effort: patterns and refinements are approximated). */
/**
 * Values for properties by name (e.g. `customerId` → real customer ids), so that valid bodies get
 * past "not found" and reach the domain rules. Used for half of the values of such properties.
 */
export type Hints = Record<string, fc.Arbitrary<unknown>>;

export function validValue(schema: JsonSchema | boolean | undefined, depth = 0, hints: Hints = {}): fc.Arbitrary<unknown> {
  if (schema === undefined || schema === true || (typeof schema === 'object' && Object.keys(schema).length === 0)) return fc.jsonValue({ maxDepth: 1 });
  if (schema === false) return fc.constant(null);
  const s = schema;
  if ('const' in s) return fc.constant(s.const);
  if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as unknown[]));
  if (Array.isArray(s.anyOf)) return fc.oneof(...(s.anyOf as JsonSchema[]).map((x) => validValue(x, depth + 1, hints)));
  if (Array.isArray(s.oneOf)) return fc.oneof(...(s.oneOf as JsonSchema[]).map((x) => validValue(x, depth + 1, hints)));
  if (Array.isArray(s.allOf)) return validValue(mergeAllOf(s.allOf as JsonSchema[]), depth + 1, hints);
  const types = typesOf(s);
  if (types.length > 1) return fc.oneof(...types.map((t) => validValue({ ...s, type: t }, depth, hints)));
  switch (types[0] ?? (s.properties ? 'object' : s.items ? 'array' : undefined)) {
    case 'string':
      return validString(s);
    case 'integer':
      return validInteger(s);
    case 'number':
      return validNumber(s);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const minLength = num(s.minItems) ?? 0;
      const maxLength = Math.max(minLength, Math.min(num(s.maxItems) ?? 4, depth > 2 ? minLength : 4));
      return fc.array(validValue(s.items as JsonSchema, depth + 1, hints), { minLength, maxLength });
    }
    case 'object': {
      const props = (s.properties ?? {}) as Record<string, JsonSchema>;
      const required = new Set((s.required as string[] | undefined) ?? []);
      const model = Object.fromEntries(
        Object.entries(props).map(([k, v]) => {
          const hint = hints[k];
          return [k, hint ? fc.oneof(hint, validValue(v, depth + 1, hints)) : validValue(v, depth + 1, hints)];
        }),
      );
      const known = fc.record(model, { requiredKeys: Object.keys(props).filter((k) => required.has(k)) });
      const extra = s.additionalProperties;
      if (extra && typeof extra === 'object' && Object.keys(props).length === 0) {
        const keyArb = s.propertyNames ? (validValue(s.propertyNames as JsonSchema, depth + 1) as fc.Arbitrary<string>) : fc.string({ minLength: 1, maxLength: 20 });
        return fc.dictionary(keyArb, validValue(extra as JsonSchema, depth + 1), { maxKeys: 5 });
      }
      return known;
    }
    default:
      return fc.jsonValue({ maxDepth: 1 });
  }
}

// ---------------------------------------------------------------------------------------------
// Hostile values

const EMOJI = ['😀', '👩‍👩‍👧‍👦', '🇨🇳', '🏳️‍🌈', '\u{1F4A9}'];
const NASTY_TEXT = [
  '',
  ' ',
  '   \t\n ',
  '\u0000',
  'a\u0000b',
  '\u0007\u0008\u001b[31m',
  '\r\n\r\n',
  '\u202Eevil',
  '\uFEFF',
  '\uD800',
  '\uDFFF\uD800',
  'Ω≈ç√∫',
  '订单 测试 客户',
  '𠜎𠜱𠝹',
  "' OR '1'='1' --",
  "'; DROP TABLE orders; --",
  '%',
  '%00',
  '%E0%A4%A',
  '../../../etc/passwd',
  '<script>alert(1)</script>',
  '{{7*7}}${7*7}',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-1',
  '0',
  '1e308',
  '9007199254740993',
  'true',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  'ord_00000000000000000000000000',
];

/** Unicode-heavy text: CJK, emoji, control characters, NUL, lone surrogates. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_TEXT) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.integer({ min: 0x4e00, max: 0x9fff }).map((c) => String.fromCodePoint(c)), minLength: 1, maxLength: 30 }) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom(...EMOJI), { minLength: 1, maxLength: 10 }).map((a) => a.join('')) },
  { weight: 1, arbitrary: fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 10 }) },
);

/** 10 to 100,000 characters. */
export const hugeString: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 10, max: 100_000 }), fc.constantFrom('a', '中', '😀', ' ', '\u0000', 'ab1-'))
  .map(([n, unit]) => unit.repeat(Math.max(1, Math.floor(n / unit.length))));

function boundaryNumbers(s: JsonSchema): fc.Arbitrary<unknown> {
  const values: unknown[] = [-1, 0, -0.0, 1, 0.5, 1.5, -1.5, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, 2 ** 53 + 2, -(2 ** 53), 1e308, -1e308, 5e-324, Number.MAX_VALUE];
  const min = num(s.minimum);
  const max = num(s.maximum);
  if (min !== undefined) values.push(min, min - 1, min - 0.001);
  if (max !== undefined) values.push(max, max + 1, max + 0.001, max * 10);
  const raw = ['1e400', '-1e400', '-0', '1.0', '123456789012345678901234567890', '0.1e-999', '1E2'].map((t) => new RawJson(t));
  return fc.constantFrom(...values, ...raw);
}

function wrongType(s: JsonSchema): fc.Arbitrary<unknown> {
  const allowed = new Set(typesOf(s));
  if (allowed.has('number')) allowed.add('integer');
  const candidates: [string, unknown][] = [
    ['string', 'not-a-number'],
    ['string', '12'],
    ['integer', 12],
    ['number', 12.5],
    ['boolean', true],
    ['boolean', false],
    ['null', null],
    ['array', []],
    ['array', ['x', 1]],
    ['object', {}],
    ['object', { a: 1 }],
  ];
  const wrong = candidates.filter(([t]) => !allowed.has(t)).map(([, v]) => v);
  return fc.constantFrom(...(wrong.length ? wrong : candidates.map(([, v]) => v)));
}

/** Deeply nested arrays/objects (written as raw text so building them costs nothing). */
export const deepJson: fc.Arbitrary<RawJson> = fc.tuple(fc.integer({ min: 50, max: 10_000 }), fc.boolean()).map(([d, arrays]) => new RawJson(arrays ? '['.repeat(d) + ']'.repeat(d) : '{"a":'.repeat(d) + '1' + '}'.repeat(d)));

/** Anything at all, hostile-leaning: for extra fields and for fields of unknown shape. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  nastyString,
  hugeString,
  boundaryNumbers({}),
  deepJson,
  fc.jsonValue({ maxDepth: 3 }),
  fc.constant(null),
  fc.constant(new RawJson('{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}')),
);

const unknownKey = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'id', 'version', 'createdAt', 'status', 'role', 'x'), fc.string({ minLength: 1, maxLength: 30 }));

/**
 * A value that breaks the schema somewhere (or, for hostile-but-legal text, may not): at this node
 * or, for objects and arrays, inside one of its members.
 */
export function invalidValue(schema: JsonSchema | boolean | undefined, depth = 0, hints: Hints = {}): fc.Arbitrary<{ value: unknown; note: string }> {
  const s: JsonSchema = typeof schema === 'object' ? schema : {};
  const tag = (note: string) => (value: unknown) => ({ value, note });
  const options: fc.Arbitrary<{ value: unknown; note: string }>[] = [wrongType(s).map(tag('wrong type')), nastyString.map(tag('nasty string'))];
  if (Array.isArray(s.anyOf) || Array.isArray(s.oneOf)) {
    const branches = ((s.anyOf ?? s.oneOf) as JsonSchema[]).filter((b) => typeof b === 'object');
    for (const b of branches) options.push(invalidValue(b, depth + 1, hints));
  }
  if (Array.isArray(s.allOf)) options.push(invalidValue(mergeAllOf(s.allOf as JsonSchema[]), depth + 1, hints));
  const types = typesOf(s);
  if (Array.isArray(s.enum)) options.push(fc.constantFrom(...(s.enum as unknown[]).map((e) => (typeof e === 'string' ? e.toUpperCase() + ' ' : e)), 'unknown_value').map(tag('not in enum')));
  if (types.includes('string')) {
    options.push(hugeString.map(tag('huge string')));
    const max = num(s.maxLength);
    if (max !== undefined) options.push(fc.constant('x'.repeat(max + 1)).map(tag('maxLength + 1')));
    const min = num(s.minLength);
    if (min !== undefined && min > 0) options.push(fc.constant('x'.repeat(min - 1)).map(tag('minLength - 1')));
    if (s.format) options.push(fc.constantFrom('2026-02-30', '2026-13-01', '0000-00-00', '2026-01-01T25:00:00Z', '99999-01-01', 'yesterday', '').map(tag('bad format')));
  }
  if (types.includes('integer') || types.includes('number')) options.push(boundaryNumbers(s).map(tag('boundary number')));
  if (depth < 6 && (types.includes('object') || s.properties)) {
    const props = (s.properties ?? {}) as Record<string, JsonSchema>;
    const required = ((s.required as string[] | undefined) ?? []).filter((r) => r in props);
    const valid = validValue(s, depth, hints) as fc.Arbitrary<Record<string, unknown>>;
    if (required.length) {
      options.push(fc.tuple(valid, fc.constantFrom(...required)).map(([v, k]) => ({ value: omit(v, k), note: `drop required ${k}` })));
    }
    options.push(fc.tuple(valid, unknownKey, hostileValue).map(([v, k, x]) => ({ value: withKey(v, k, x), note: `extra field ${JSON.stringify(k).slice(0, 40)}` })));
    const keys = Object.keys(props);
    if (keys.length) {
      options.push(
        fc.constantFrom(...keys).chain((k) =>
          fc.tuple(valid, invalidValue(props[k], depth + 1, hints)).map(([v, bad]) => ({ value: withKey(v, k, bad.value), note: `${k}: ${bad.note}` })),
        ),
      );
    }
  }
  if (depth < 6 && (types.includes('array') || s.items)) {
    const item = validValue(s.items as JsonSchema, depth + 1, hints);
    const maxItems = num(s.maxItems);
    const minItems = num(s.minItems) ?? 0;
    options.push(
      fc.tuple(item, fc.integer({ min: (maxItems ?? 100) + 1, max: Math.max(((maxItems ?? 100) + 1) * 10, 2_000) })).map(([x, n]) => ({ value: Array.from({ length: n }, () => x), note: `${n} items` })),
    );
    if (minItems > 0) options.push(fc.constant({ value: [], note: 'empty array' }));
    options.push(
      fc.tuple(fc.array(item, { maxLength: 3 }), invalidValue(s.items as JsonSchema, depth + 1, hints)).map(([xs, bad]) => ({ value: [...xs, bad.value], note: `item: ${bad.note}` })),
    );
  }
  return fc.oneof(...options);
}

function omit(v: Record<string, unknown>, key: string): Record<string, unknown> {
  const out = { ...v };
  delete out[key];
  return out;
}

function withKey(v: unknown, key: string, x: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = v && typeof v === 'object' && !Array.isArray(v) ? { ...(v as object) } : {};
  Object.defineProperty(out, key, { value: x, enumerable: true, writable: true, configurable: true }); // also for "__proto__"
  return out;
}

// ---------------------------------------------------------------------------------------------
// Requests

const INVALID_JSON = ['{', '{"a":', "{'a': 1}", '{"a":1,}', '[1,2', 'undefined', 'NaN', '{"a":NaN}', '\uFEFF{}', '{"a":"\u0000"', '"unterminated', '{}{}', '{"a":1}garbage', ' ', '\u0000', '{"__proto__":{"admin":true}}', 'null'];
const CONTENT_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data', 'application/xml', 'application/json; charset=latin1', 'application/jsonx', 'application/problem+json', '*/*', '', 'application/json\u0000'];

/** Header-safe printable text (inject refuses control characters in header values). */
const headerText = fc.oneof(
  fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 60 }),
  fc.constantFrom('', ' ', '"1"', '"0"', '"-1"', '"9007199254740993"', 'W/"1"', '*', '1', '"abc"', '"1", "2"', 'x'.repeat(5_000)),
  fc.uuid(),
);

function queryValueArb(p: Param, hints: Hints): fc.Arbitrary<{ value: string | string[] | undefined; note?: string }> {
  const hint = hints[p.name];
  const valid = (hint ? fc.oneof(hint, validValue(p.schema)) : validValue(p.schema)).map((v) => ({ value: v === undefined || v === null ? undefined : typeof v === 'string' ? v : JSON.stringify(v) }));
  return fc.oneof(
    { weight: 6, arbitrary: valid },
    { weight: 2, arbitrary: fc.constant({ value: undefined }) },
    { weight: 2, arbitrary: invalidValue(p.schema).map((b) => ({ value: typeof b.value === 'string' ? b.value : toJsonText(b.value).slice(0, 5_000), note: `query ${p.name}: ${b.note}` })) },
    { weight: 1, arbitrary: fc.constantFrom(...boundaryQuery).map((v) => ({ value: v, note: `query ${p.name}=${v}` })) },
    { weight: 1, arbitrary: fc.array(valid, { minLength: 2, maxLength: 3 }).map((vs) => ({ value: vs.map((x) => x.value ?? ''), note: `query ${p.name} repeated` })) },
  );
}

/** Query values at the edge; the base64url ones decode to U+0000 (`AA`) or to JSON cursors holding an escaped U+0000. */
const boundaryQuery = ['', 'AA', '+QA', 'WyJcdTAwMDAiXQ', 'WyJcdTAwMDAiLCJ4Il0', 'WzEsIlx1MDAwMCJd', '-1', '0', '1.5', '1e308', '9007199254740993', 'true', 'null', '%', '\u0000', '中文', '😀', ' ', 'x'.repeat(1_000)];

const enc = (s: string) => encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, '?'));

function queryArb(op: Operation, hints: Hints): fc.Arbitrary<{ query: string; notes: string[] }> {
  const params = fc.tuple(...op.query.map((p) => queryValueArb(p, hints).map((r) => ({ p, ...r }))));
  const extra = fc.oneof(
    { weight: 8, arbitrary: fc.constant('') },
    { weight: 1, arbitrary: fc.constantFrom('%', '%E0%A4%A', 'a=%ZZ', '&&&=', '=', '__proto__=1', 'constructor[prototype][x]=1', 'a[b][c]=1', 'limit=1&limit=2', 'x'.repeat(20_000), 'q=%00', '?') },
    { weight: 1, arbitrary: fc.tuple(unknownKey, nastyString).map(([k, v]) => `${enc(k)}=${enc(v)}`) },
  );
  return fc.tuple(op.query.length ? params : fc.constant([]), extra).map(([ps, raw]) => {
    const parts: string[] = [];
    const notes: string[] = [];
    for (const r of ps) {
      if (r.note) notes.push(r.note);
      const values = r.value === undefined ? [] : Array.isArray(r.value) ? r.value : [r.value];
      for (const v of values) parts.push(`${enc(r.p.name)}=${enc(v)}`);
    }
    if (raw) {
      parts.push(raw);
      notes.push(`raw query ${raw.slice(0, 40)}`);
    }
    return { query: parts.length ? `?${parts.join('&')}` : '', notes };
  });
}

/** Path values: mostly real ids from the pool, otherwise garbage, over-long or valid-looking unknown ids. */
const pathValueArb: fc.Arbitrary<PathValue> = fc.oneof(
  { weight: 6, arbitrary: fc.nat().map((pool) => ({ pool })) },
  { weight: 1, arbitrary: fc.constantFrom('ord', 'cus', 'prd', 'whs', 'usr', 'key', 'evt', 'imp', 'pay', 'shp', 'chg', 'view').chain((p) => fc.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/).map((r) => ({ text: `${p}_${r}` }))) },
  { weight: 1, arbitrary: nastyString.filter((s) => s.length > 0).map((s) => ({ text: s })) },
  { weight: 1, arbitrary: fc.integer({ min: 65, max: 10_000 }).map((n) => ({ text: 'x'.repeat(n) })) },
  { weight: 1, arbitrary: fc.constantFrom('%', '%E0%A4%A', '%00', '..', '%2e%2e', '.', '%2F', 'a%2Fb', '%20', '+', 'a;b', '{id}', '*').map((raw) => ({ raw })) },
);

function authArb(op: Operation): fc.Arbitrary<Auth> {
  const roles = fc.constantFrom('manager', 'sales', 'support', 'warehouse', 'finance').map((role) => ({ role }) as Auth);
  if (op.access === 'portal') return fc.oneof({ weight: 7, arbitrary: fc.constant<Auth>('portal') }, { weight: 1, arbitrary: fc.constant<Auth>('admin') }, { weight: 1, arbitrary: fc.constant<Auth>('none') }, { weight: 1, arbitrary: fc.constant<Auth>('garbage') });
  return fc.oneof({ weight: 14, arbitrary: fc.constant<Auth>('admin') }, { weight: 3, arbitrary: roles }, { weight: 2, arbitrary: fc.constant<Auth>('none') }, { weight: 1, arbitrary: fc.constant<Auth>('garbage') }, { weight: 1, arbitrary: fc.constant<Auth>('portal') });
}

function bodyArb(op: Operation, hints: Hints): fc.Arbitrary<{ body?: string; contentType?: string; note: string }> {
  const json = (v: unknown, note: string) => ({ body: toJsonText(v), contentType: 'application/json', note });
  const choices: fc.WeightedArbitrary<{ body?: string; contentType?: string; note: string }>[] = [
    { weight: 1, arbitrary: fc.constantFrom(...INVALID_JSON).map((b) => ({ body: b, contentType: 'application/json', note: `invalid JSON ${JSON.stringify(b)}` })) },
    { weight: 1, arbitrary: fc.constantFrom(...CONTENT_TYPES).map((ct) => ({ body: ct.includes('form') ? 'a=1&b=2' : '{"a":1}', contentType: ct, note: `content-type ${JSON.stringify(ct)}` })) },
    { weight: 1, arbitrary: fc.oneof(deepJson, fc.constantFrom<unknown>(null, [], 'text', 1, true)).map((v) => json(v, `root ${toJsonText(v).slice(0, 20)}`)) },
  ];
  if (op.body) {
    const schema = op.body;
    choices.push({ weight: 6, arbitrary: validValue(schema, 0, hints).map((v) => json(v, 'valid body')) });
    choices.push({ weight: 10, arbitrary: invalidValue(schema, 0, hints).map((b) => json(b.value, `body ${b.note}`)) });
    choices.push({ weight: 1, arbitrary: fc.constant({ note: 'no body' }) });
    choices.push({ weight: 1, arbitrary: validValue(schema, 0, hints).map((v) => ({ body: toJsonText(v), contentType: 'text/plain', note: 'valid body as text/plain' })) });
  } else {
    choices.push({ weight: 12, arbitrary: fc.constant({ note: 'no body' }) });
  }
  return fc.oneof(...choices);
}

/** An arbitrary of requests for one operation. */
export function requestArb(op: Operation, hints: Hints = {}): fc.Arbitrary<FuzzRequest> {
  const pathValues = fc.tuple(...op.pathParams.map((p) => pathValueArb.map((v) => [p.name, v] as const))).map((es) => Object.fromEntries(es) as Record<string, PathValue>);
  const headers = fc.tuple(
    ...op.headers.map((h) => {
      const hint = hints[h.name] as fc.Arbitrary<string> | undefined;
      return fc.option(hint ? fc.oneof(hint, headerText) : headerText, { freq: 2 }).map((v) => [h.name, v] as const);
    }),
  ).map((hs) => Object.fromEntries(hs.filter((h): h is readonly [string, string] => h[1] !== null)));
  return fc.record({ pathValues: op.pathParams.length ? pathValues : fc.constant({}), query: queryArb(op, hints), headers: op.headers.length ? headers : fc.constant({}), body: bodyArb(op, hints), auth: authArb(op) }).map((r) => ({
    method: op.method,
    path: op.path,
    pathValues: r.pathValues,
    query: r.query.query,
    headers: r.body.contentType !== undefined ? { ...r.headers, 'content-type': r.body.contentType } : r.headers,
    body: r.body.body,
    auth: r.auth,
    note: [r.body.note, ...r.query.notes].join('; '),
  }));
}

/**
 * Fills in `{name}` placeholders: pool indices through `poolId` (told the collection segment
 * before the placeholder, e.g. `orders`, to prefer ids of that kind), `text` URL-encoded, `raw` verbatim.
 */
export function renderUrl(req: FuzzRequest, poolId: (index: number, param: string, collection: string) => string): string {
  const path = req.path.replace(/([^/]*)\/\{([^}]+)\}/g, (_, collection: string, name: string) => {
    const v = req.pathValues[name];
    if (!v) return `${collection}/missing`;
    if ('pool' in v) return `${collection}/${enc(poolId(v.pool, name, collection))}`;
    if ('raw' in v) return `${collection}/${v.raw}`;
    return `${collection}/${enc(v.text)}`;
  });
  return path + req.query;
}

/** A short, printable description of a request for failure reports. */
export function describeRequest(req: FuzzRequest, url: string): string {
  const body = req.body === undefined ? '(no body)' : req.body.length > 300 ? `${req.body.slice(0, 300)}… (${req.body.length} chars)` : req.body;
  const auth = typeof req.auth === 'string' ? req.auth : `role ${req.auth.role}`;
  return `${req.method} ${url.length > 300 ? `${url.slice(0, 300)}… (${url.length} chars)` : url}\n  auth: ${auth}; headers: ${JSON.stringify(req.headers).slice(0, 200)}\n  mutation: ${req.note}\n  body: ${body}`;
}

import { phoneDigitVariants } from './contact-details.js';
import { fold, type CustomerProfile } from './customer.js';

/**
 * Search terms: one row per (term, customer) in `customer_search_terms`, searched by prefix range
 * (`term >= q AND term < q || U+10FFFF`) on its primary key. Writing the terms is done on every
 * create and update; reading is an index range scan whatever the table size.
 *
 * - name and legal name: every word (letters and digits), folded (lower case, no accents);
 *   runs of CJK characters have no spaces between words, so every suffix of the run is a term and
 *   a substring of a Chinese name is the prefix of one of them;
 * - email: the whole address, each piece of the local part and of the domain (`john.smith@acme.com`
 *   gives `john.smith@acme.com`, `john`, `smith`, `acme`, `com`);
 * - phone: the digits with and without country code and in national format;
 * - tax id: letters and digits;
 * - contacts: their name words, email and phone the same way.
 */
export const MAX_TERM_LENGTH = 64;
const MAX_SUFFIXES = 24;
const ONLY_CJK = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+$/u;
const CJK_OR_OTHER = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+|[^\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu;
const WORD = /[\p{L}\p{N}]+/gu;

const cut = (t: string) => Array.from(t).slice(0, MAX_TERM_LENGTH).join('');

/** Words of a folded text, each split into CJK and non-CJK runs. */
function runs(folded: string): string[] {
  return (folded.match(WORD) ?? []).flatMap((w) => w.match(CJK_OR_OTHER) ?? []);
}

const isCjk = (run: string) => ONLY_CJK.test(run);

export function nameTerms(text: string): string[] {
  const out: string[] = [];
  for (const run of runs(fold(text))) {
    if (!isCjk(run)) {
      out.push(cut(run));
      continue;
    }
    const chars = Array.from(run);
    for (let i = 0; i < chars.length && i < MAX_SUFFIXES; i++) out.push(cut(chars.slice(i).join('')));
  }
  return out;
}

export function emailTerms(email: string): string[] {
  const folded = fold(email);
  return [cut(folded), ...runs(folded).map(cut)];
}

const taxIdTerm = (taxId: string) => cut(fold(taxId).replace(/[^\p{L}\p{N}]/gu, ''));

/** Every term of a customer, without duplicates. */
export function searchTermsOf(p: Pick<CustomerProfile, 'name' | 'legalName' | 'email' | 'phone' | 'taxId' | 'contacts'>): string[] {
  const terms = [...nameTerms(p.name)];
  if (p.legalName) terms.push(...nameTerms(p.legalName));
  if (p.email) terms.push(...emailTerms(p.email));
  if (p.phone) terms.push(...phoneDigitVariants(p.phone));
  if (p.taxId) terms.push(taxIdTerm(p.taxId));
  for (const c of p.contacts) {
    terms.push(...nameTerms(c.name));
    if (c.email) terms.push(...emailTerms(c.email));
    if (c.phone) terms.push(...phoneDigitVariants(c.phone));
  }
  return [...new Set(terms.filter((t) => t.length > 0))];
}

const PHONE_LIKE = /\+?\(?\d[\d\s().-]{5,}\d/g;
const MAX_QUERY_TERMS = 6;

/**
 * The prefixes a query must all match (AND), folded like the terms. Phone-like runs become their
 * digits ("+86 138-0013 8000" → "8613800138000"); a word with `@` is matched against whole emails;
 * other words split like names, a CJK run staying whole (it matches as a substring).
 */
export function queryPrefixes(q: string): string[] {
  const folded = fold(q).replace(PHONE_LIKE, (m) => m.replace(/\D/g, ''));
  const out: string[] = [];
  for (const token of folded.split(/\s+/)) {
    const trimmed = token.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    if (!trimmed) continue;
    if (trimmed.includes('@')) out.push(cut(trimmed));
    else out.push(...runs(trimmed).map(cut));
  }
  // "ab" is implied by "abc": keep only the longest of prefixes that extend each other.
  const unique = [...new Set(out)];
  const needed = unique.filter((t) => !unique.some((o) => o !== t && o.startsWith(t)));
  return needed.sort((a, b) => b.length - a.length).slice(0, MAX_QUERY_TERMS);
}

/** Upper bound of a prefix range: greater than any string that starts with `prefix`. */
export const prefixEnd = (prefix: string) => `${prefix}\u{10FFFF}`;

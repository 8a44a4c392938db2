import { describe, expect, it } from 'vitest';
import { nameTerms, queryPrefixes, searchTermsOf } from '../search-terms.js';

describe('search terms', () => {
  it('indexes name words folded, and every suffix of a CJK run', () => {
    expect(nameTerms('Müller & Söhne GmbH')).toEqual(['muller', 'sohne', 'gmbh']);
    expect(nameTerms('上海华东机械')).toEqual(['上海华东机械', '海华东机械', '华东机械', '东机械', '机械', '械']);
    expect(nameTerms('ＡＢＣ华为Tech')).toEqual(['abc', '华为', '为', 'tech']);
  });

  it('indexes email, phone digit variants and tax id', () => {
    const terms = searchTermsOf({ name: 'Acme', legalName: null, email: 'john.smith@acme.co.uk', phone: '+442079460958', taxId: 'GB 123-456', contacts: [] });
    expect(terms).toEqual(['acme', 'john.smith@acme.co.uk', 'john', 'smith', 'co', 'uk', '442079460958', '2079460958', '02079460958', 'gb123456']);
  });

  it('turns a query into prefixes that must all match', () => {
    expect(queryPrefixes('  Acme   Supplies ')).toEqual(['supplies', 'acme']);
    expect(queryPrefixes('+86 138-0013 8000')).toEqual(['8613800138000']);
    expect(queryPrefixes('John.Smith@Acme')).toEqual(['john.smith@acme']);
    expect(queryPrefixes('john.smith')).toEqual(['smith', 'john']);
    expect(queryPrefixes('华东 机械')).toEqual(['华东', '机械']);
    expect(queryPrefixes('ac acme')).toEqual(['acme']); // "ac" is implied by "acme"
    expect(queryPrefixes('"—"')).toEqual([]);
  });
});

/**
 * Intl formatters are expensive to construct (locale data lookup, about 50–100 µs each) and cheap
 * to reuse; message rendering and documents format many values with a handful of settings, so
 * the formatters are cached per locale and options.
 */
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function cached<F>(cache: Map<string, F>, locale: string, options: object, make: () => F): F {
  const key = `${locale}\u0000${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) {
    format = make();
    if (cache.size >= 200) cache.clear(); // settings come from code and a few currencies/time zones; a bound all the same
    cache.set(key, format);
  }
  return format;
}

/** `new Intl.NumberFormat(locale, options)`, reused. Throws like the constructor for an invalid currency. */
export function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  return cached(numberFormats, locale, options, () => new Intl.NumberFormat(locale, options));
}

/** `new Intl.DateTimeFormat(locale, options)`, reused. Throws like the constructor for an invalid time zone. */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cached(dateTimeFormats, locale, options, () => new Intl.DateTimeFormat(locale, options));
}

import { formatMoney } from './format';
import { useLocale } from './useLocale';

/** An amount in minor units (1999 CNY), formatted in the UI language: "¥19.99", "CN¥19.99". */
export function Money({ minor, currency }: { minor: number; currency: string }) {
  const locale = useLocale();
  return <span style={{ whiteSpace: 'nowrap' }}>{formatMoney(minor, currency, locale)}</span>;
}

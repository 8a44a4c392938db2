import { SegmentedControl } from '@mantine/core';
import type { Locale } from '@ordercare/contracts';
import { useTranslation } from 'react-i18next';
import { isLocale } from '../i18n/locale';

interface LocaleSwitchProps {
  /** Called with the chosen locale (see `useChangeLocale`). */
  onChange: (locale: Locale) => void;
}

/** EN / 中文 switch. Each option is a label with visible text, clickable on its own. */
export function LocaleSwitch({ onChange }: LocaleSwitchProps) {
  const { t, i18n } = useTranslation();
  const value = isLocale(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'en';
  return (
    <SegmentedControl
      data-testid="locale-switch"
      aria-label={t('locale.label')}
      title={t('locale.label')}
      size="xs"
      radius="xl"
      value={value}
      onChange={(next) => {
        if (isLocale(next) && next !== value) onChange(next);
      }}
      data={[
        { value: 'en', label: <span lang="en">{t('locale.en')}</span> },
        { value: 'zh-CN', label: <span lang="zh-CN">{t('locale.zh-CN')}</span> },
      ]}
    />
  );
}

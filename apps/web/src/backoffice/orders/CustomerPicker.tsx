import { useState } from 'react';
import { Select, Stack, Text, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { CustomerSummary } from '@ordercare/contracts';
import { useTranslation } from 'react-i18next';
import { useCustomerById, useCustomerSearch } from './api';

type PickerProps = Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange'> & {
  value: string | null;
  onChange: (id: string | null) => void;
};

/** A customer chosen by searching `GET /customers?q=` (name and email in the options). */
export function CustomerPicker({ value, onChange, ...props }: PickerProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const selected = useCustomerById(value);
  const results = useCustomerSearch(q);
  const byId = new Map<string, Pick<CustomerSummary, 'id' | 'name' | 'email'>>();
  if (selected.data) byId.set(selected.data.id, selected.data);
  for (const c of results.data ?? []) byId.set(c.id, c);
  const data = [...byId.values()].map((c) => ({ value: c.id, label: c.name, email: c.email ?? '' }));
  return (
    <Select
      searchable
      clearable
      nothingFoundMessage={t('orders.form.noCustomers')}
      value={value}
      onChange={(id) => onChange(id)}
      searchValue={search}
      onSearchChange={setSearch}
      data={data}
      filter={({ options }) => options}
      renderOption={({ option }) => {
        const email = data.find((d) => d.value === option.value)?.email;
        return (
          <Stack gap={0}>
            <Text fz="sm">{option.label}</Text>
            {email ? (
              <Text fz="xs" c="dimmed">
                {email}
              </Text>
            ) : null}
          </Stack>
        );
      }}
      {...props}
    />
  );
}

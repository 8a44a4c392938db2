import type { ReactNode } from 'react';
import { DataList, Text } from '@mantine/core';

/** One label/value row of a `DataList`; an empty value shows "—". */
export function Field({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue data-testid={testId} style={{ overflowWrap: 'anywhere' }}>
        {children === null || children === undefined || children === '' ? <Text c="dimmed" span>—</Text> : children}
      </DataList.ItemValue>
    </DataList.Item>
  );
}

import type { ReactNode } from 'react';
import { MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import 'dayjs/locale/zh-cn';
import { useLocale } from '../shared/useLocale';
import { queryClient } from './queryClient';
import { router } from './router';
import { theme } from './theme';

/** Month and weekday names of the date pickers follow the UI language. */
function LocalizedDates({ children }: { children: ReactNode }) {
  const locale = useLocale();
  return <DatesProvider settings={{ locale: locale === 'zh-CN' ? 'zh-cn' : 'en', firstDayOfWeek: 1 }}>{children}</DatesProvider>;
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <MantineProvider theme={theme} defaultColorScheme="light">
        <LocalizedDates>
          <RouterProvider router={router} />
        </LocalizedDates>
      </MantineProvider>
    </QueryClientProvider>
  );
}

import { Badge, createTheme, Table } from '@mantine/core';

const systemFonts =
  '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, ' +
  '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", ' +
  '"Source Han Sans SC", sans-serif';

export const theme = createTheme({
  primaryColor: 'teal',
  primaryShade: { light: 7, dark: 5 },
  defaultRadius: 'md',
  fontFamily: systemFonts,
  headings: { fontFamily: systemFonts, fontWeight: '650' },
  cursorType: 'pointer',
  focusRing: 'auto',
  components: {
    // Badges are short labels (status, tags): never cut them to "BU…" in a narrow table column.
    Badge: Badge.extend({ styles: { root: { minWidth: 'max-content' } } }),
    // Column headings stay on one line ("客户经理", "Reorder point").
    Table: Table.extend({ styles: { th: { whiteSpace: 'nowrap' } } }),
  },
});

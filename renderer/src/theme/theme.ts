import { createTheme, type MantineColorsTuple } from '@mantine/core';

/** A calm slate blue: readable for eight hours, and never mistaken for an alert colour. */
const slate: MantineColorsTuple = [
  '#eef3fb',
  '#dde4f1',
  '#b6c6e2',
  '#8da7d4',
  '#6b8cc7',
  '#557bc0',
  '#4973bd',
  '#3a62a7',
  '#325796',
  '#254b86',
];

export const theme = createTheme({
  primaryColor: 'slate',
  colors: { slate },
  defaultRadius: 'sm',
  fontFamily:
    'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif',
  fontFamilyMonospace: 'ui-monospace, "SF Mono", Menlo, Consolas, "Noto Sans Mono CJK SC", monospace',
  headings: { fontWeight: '600' },
  cursorType: 'pointer',
  components: {
    // Dense by default: agents want more rows on screen, not more padding.
    Button: { defaultProps: { size: 'xs' } },
    TextInput: { defaultProps: { size: 'xs' } },
    Select: { defaultProps: { size: 'xs' } },
    SegmentedControl: { defaultProps: { size: 'xs' } },
    Table: { defaultProps: { verticalSpacing: 4, fz: 'xs' } },
  },
});

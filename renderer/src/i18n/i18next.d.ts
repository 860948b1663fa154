import 'i18next';
import type { Messages } from '../../../shared/i18n/resources';

// Typed keys: t('nav.workspace') compiles, t('nav.workspce') does not.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}

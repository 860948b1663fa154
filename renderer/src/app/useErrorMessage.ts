import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../shared/api/errors';

/** Turns any thrown value into a translated sentence that says what to do. */
export function useErrorMessage(): (error: unknown) => string {
  const { t } = useTranslation();
  return (error) => {
    if (isApiError(error)) return t(`errors.${error.code}`, { message: error.message });
    return t('errors.internal');
  };
}

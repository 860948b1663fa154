import { Switch, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../../app/AppContext';
import { useErrorMessage } from '../../app/useErrorMessage';

/** Training mode: simulated customers on the embedded center, for newcomers and demos. */
export function TrainingModeCard() {
  const { t } = useTranslation();
  const { api } = useApp();
  const errorMessage = useErrorMessage();
  const [active, setActive] = useState<boolean | null>(null);

  useEffect(() => {
    const load = (): void =>
      void api.call('center.getSnapshot', {}).then(
        (snapshot) => setActive(snapshot.training.active),
        () => undefined,
      );
    load();
    const offs = [api.on('center.trainingChanged', ({ active: next }) => setActive(next)), api.onResync(load)];
    return () => offs.forEach((off) => off());
  }, [api]);

  return (
    <>
      <Switch
        data-testid="training-switch"
        label={t('settings.training.switch')}
        checked={active ?? false}
        disabled={active === null}
        onChange={(event) => {
          const next = event.currentTarget.checked;
          api.call('center.setTraining', { active: next }).then(
            (result) => setActive(result.active),
            (error: unknown) =>
              notifications.show({ color: 'red', title: t('settings.saveFailed'), message: errorMessage(error) }),
          );
        }}
      />
      <Text size="xs" c="dimmed" mt={4}>
        {t('settings.training.hint')}
      </Text>
    </>
  );
}

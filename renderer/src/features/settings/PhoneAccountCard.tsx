import {
  Alert,
  Button,
  Group,
  NumberInput,
  PasswordInput,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { phoneAccountViewSchema } from '../../../../shared/api/contract';
import {
  autoAnswerModes,
  defaultPhoneAccount,
  dtmfModes,
  phoneAccountSchema,
  type PhoneAccount,
} from '../../../../shared/softphone/types';
import { useApp } from '../../app/AppContext';
import { useErrorMessage } from '../../app/useErrorMessage';

type AccountView = z.infer<typeof phoneAccountViewSchema>;
type Draft = Omit<PhoneAccount, 'iceServers'> & { iceServers: string };

const emptyDraft: Draft = { ...defaultPhoneAccount, server: '', sipUri: '', authUser: '', iceServers: '' };

function toDraft(account: PhoneAccount | null): Draft {
  if (account === null) return emptyDraft;
  return { ...account, iceServers: account.iceServers.map((s) => s.urls).join('\n') };
}

function fromDraft(draft: Draft): unknown {
  return {
    ...draft,
    iceServers: draft.iceServers
      .split(/\s+/)
      .filter(Boolean)
      .map((urls) => ({ urls })),
  };
}

/** Field → translated message, from the same schema the services validate with. */
function fieldErrors(draft: Draft, t: (key: string) => string): Partial<Record<keyof Draft, string>> {
  const parsed = phoneAccountSchema.safeParse(fromDraft(draft));
  if (parsed.success) return {};
  const errors: Partial<Record<keyof Draft, string>> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as keyof Draft;
    errors[field] ??= t(
      `softphone.account.errors.${field === 'queueHeader' || field === 'customerHeader' || field === 'satisfactionHeader' ? 'header' : field}`,
    );
  }
  return errors;
}

export function PhoneAccountCard() {
  const { t } = useTranslation();
  const { api } = useApp();
  const errorMessage = useErrorMessage();
  const [view, setView] = useState<AccountView | null>(null);
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [password, setPassword] = useState('');
  const [touched, setTouched] = useState(false);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    void api.call('softphone.getAccount', {}).then((loaded) => {
      setView(loaded);
      setDraft(toDraft(loaded.account));
    });
  }, [api]);

  // Keys are built from field names, so they are checked by the locale test, not the compiler.
  const translate = (key: string): string => t(key as never);
  const errors = touched ? fieldErrors(draft, translate) : {};
  const needsPassword = !view?.passwordStored && password === '';
  const set = <K extends keyof Draft>(key: K, value: Draft[K]): void => setDraft((d) => ({ ...d, [key]: value }));

  const save = async (): Promise<void> => {
    setTouched(true);
    if (Object.keys(fieldErrors(draft, translate)).length > 0 || needsPassword) return;
    setSaving(true);
    try {
      const next = await api.call('softphone.saveAccount', {
        account: phoneAccountSchema.parse(fromDraft(draft)),
        ...(password ? { password } : {}),
      });
      setView(next);
      setPassword('');
      // Incoming calls also raise a desktop notification when SeatDesk is in the background.
      if (typeof Notification !== 'undefined' && Notification.permission === 'default')
        void Notification.requestPermission();
      notifications.show({ color: 'green', message: t('softphone.account.saved'), autoClose: 2000 });
    } catch (error) {
      notifications.show({ color: 'red', title: t('settings.saveFailed'), message: errorMessage(error) });
    } finally {
      setSaving(false);
    }
  };

  const remove = async (): Promise<void> => {
    const next = await api.call('softphone.removeAccount', {});
    setView(next);
    setDraft(emptyDraft);
    setTouched(false);
  };

  return (
    <Stack gap="xs" data-testid="phone-account">
      {view && !view.passwordEncrypted && (
        <Alert variant="light" color="yellow" icon={<IconAlertTriangle size={16} />} p={6}>
          {t('softphone.account.passwordUnencrypted')}
        </Alert>
      )}
      <SimpleGrid cols={2} spacing="xs" verticalSpacing={6}>
        <TextInput
          label={t('softphone.account.server')}
          description={t('softphone.account.serverHint')}
          placeholder="wss://pbx.example.com:8089/ws"
          value={draft.server}
          error={errors.server}
          onChange={(e) => set('server', e.currentTarget.value)}
          data-testid="account-server"
        />
        <TextInput
          label={t('softphone.account.sipUri')}
          description={t('softphone.account.sipUriHint')}
          placeholder="sip:1001@pbx.example.com"
          value={draft.sipUri}
          error={errors.sipUri}
          onChange={(e) => set('sipUri', e.currentTarget.value)}
          data-testid="account-sip-uri"
        />
        <TextInput
          label={t('softphone.account.authUser')}
          value={draft.authUser}
          error={errors.authUser}
          onChange={(e) => set('authUser', e.currentTarget.value)}
          data-testid="account-auth-user"
        />
        <PasswordInput
          label={t('softphone.account.password')}
          description={view?.passwordStored ? t('softphone.account.passwordKeep') : undefined}
          value={password}
          error={touched && needsPassword ? t('softphone.account.errors.password') : undefined}
          onChange={(e) => setPassword(e.currentTarget.value)}
          data-testid="account-password"
        />
        <TextInput
          label={t('softphone.account.displayName')}
          value={draft.displayName}
          onChange={(e) => set('displayName', e.currentTarget.value)}
        />
        <TextInput
          label={t('softphone.account.outboundProxy')}
          placeholder="sip:proxy.example.com"
          value={draft.outboundProxy}
          error={errors.outboundProxy}
          onChange={(e) => set('outboundProxy', e.currentTarget.value)}
        />
        <Select
          label={t('softphone.account.dtmfMode')}
          allowDeselect={false}
          value={draft.dtmfMode}
          data={dtmfModes.map((mode) => ({ value: mode, label: t(`softphone.account.dtmf.${mode}`) }))}
          onChange={(value) => value && set('dtmfMode', value as Draft['dtmfMode'])}
        />
        <NumberInput
          label={t('softphone.account.registerExpires')}
          min={60}
          max={86400}
          value={draft.registerExpires}
          error={errors.registerExpires}
          onChange={(value) => set('registerExpires', Number(value))}
        />
        <Select
          label={t('softphone.account.autoAnswer')}
          allowDeselect={false}
          value={draft.autoAnswer.mode}
          data={autoAnswerModes.map((mode) => ({ value: mode, label: t(`softphone.account.autoAnswerModes.${mode}`) }))}
          onChange={(value) =>
            value && set('autoAnswer', { ...draft.autoAnswer, mode: value as Draft['autoAnswer']['mode'] })
          }
        />
        <NumberInput
          label={t('softphone.account.autoAnswerDelay')}
          min={0}
          max={30}
          disabled={draft.autoAnswer.mode === 'off'}
          value={draft.autoAnswer.delaySeconds}
          onChange={(value) => set('autoAnswer', { ...draft.autoAnswer, delaySeconds: Number(value) })}
        />
        <TextInput
          label={t('softphone.account.queueHeader')}
          value={draft.queueHeader}
          error={errors.queueHeader}
          onChange={(e) => set('queueHeader', e.currentTarget.value)}
        />
        <TextInput
          label={t('softphone.account.customerHeader')}
          value={draft.customerHeader}
          error={errors.customerHeader}
          onChange={(e) => set('customerHeader', e.currentTarget.value)}
        />
        <TextInput
          label={t('softphone.account.satisfactionHeader')}
          value={draft.satisfactionHeader}
          error={errors.satisfactionHeader}
          onChange={(e) => set('satisfactionHeader', e.currentTarget.value)}
        />
      </SimpleGrid>
      <Textarea
        label={t('softphone.account.iceServers')}
        description={t('softphone.account.iceServersHint')}
        placeholder="stun:stun.example.com:3478"
        autosize
        minRows={1}
        value={draft.iceServers}
        error={errors.iceServers}
        onChange={(e) => set('iceServers', e.currentTarget.value)}
      />
      <Group gap="xs">
        <Button loading={saving} onClick={() => void save()} data-testid="account-save">
          {t('softphone.account.save')}
        </Button>
        {view?.account && (
          <Button variant="default" color="red" onClick={() => void remove()}>
            {t('softphone.account.remove')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}

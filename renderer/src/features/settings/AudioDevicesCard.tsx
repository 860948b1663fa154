import { Button, Group, Select, Text } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../../app/AppContext';
import { Ringtone } from '../../media/ringtone';

/** Microphone, speaker and ringing device; the ringing device may be a loudspeaker, not the headset. */
export function AudioDevicesCard() {
  const { t } = useTranslation();
  const { settings, updateSettings } = useApp();
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  const [testing, setTesting] = useState(false);
  const ringtone = useRef<Ringtone | null>(null);

  useEffect(() => {
    const load = (): void => void navigator.mediaDevices?.enumerateDevices().then(setDevices, () => setDevices([]));
    load();
    navigator.mediaDevices?.addEventListener('devicechange', load);
    return () => navigator.mediaDevices?.removeEventListener('devicechange', load);
  }, []);

  const options = (kind: MediaDeviceKind): Array<{ value: string; label: string }> => [
    { value: '', label: t('softphone.devices.default') },
    ...devices
      .filter((d) => d.kind === kind && d.deviceId !== 'default' && d.deviceId !== '')
      .map((d, i) => ({ value: d.deviceId, label: d.label || `${kind} ${i + 1}` })),
  ];
  const unnamed = devices.length > 0 && devices.every((d) => d.label === '');

  return (
    <>
      <Group gap="xs" align="flex-end">
        <Select
          w={220}
          label={t('softphone.devices.input')}
          allowDeselect={false}
          value={settings.audio.inputId}
          data={options('audioinput')}
          onChange={(v) => v !== null && void updateSettings({ audio: { inputId: v } })}
        />
        <Select
          w={220}
          label={t('softphone.devices.output')}
          allowDeselect={false}
          value={settings.audio.outputId}
          data={options('audiooutput')}
          onChange={(v) => v !== null && void updateSettings({ audio: { outputId: v } })}
        />
        <Select
          w={220}
          label={t('softphone.devices.ring')}
          allowDeselect={false}
          value={settings.audio.ringId}
          data={options('audiooutput')}
          onChange={(v) => v !== null && void updateSettings({ audio: { ringId: v } })}
        />
        <Button
          variant="default"
          leftSection={<IconBell size={14} />}
          onClick={() => {
            ringtone.current ??= new Ringtone();
            if (testing) ringtone.current.stop();
            else void ringtone.current.start(settings.audio.ringId);
            setTesting(!testing);
          }}
        >
          {testing ? t('softphone.devices.stopTest') : t('softphone.devices.test')}
        </Button>
      </Group>
      {unnamed && (
        <Text size="xs" c="dimmed" mt={4}>
          {t('softphone.devices.noPermission')}
        </Text>
      )}
    </>
  );
}

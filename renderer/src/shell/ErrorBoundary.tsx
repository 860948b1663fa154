import { Alert, Button, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { Component, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../app/AppContext';

function Fallback({ onReset }: { onReset: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack p="lg" maw={560}>
      <Alert color="red" variant="light" icon={<IconAlertTriangle />} title={t('errors.title')}>
        <Text size="sm">{t('errors.crashed')}</Text>
        <Button mt="sm" size="xs" variant="default" onClick={onReset}>
          {t('errors.reload')}
        </Button>
      </Alert>
    </Stack>
  );
}

interface Props {
  readonly where: string;
  readonly report: (message: string, stack: string | undefined, where: string) => void;
  readonly children: ReactNode;
}

class Boundary extends Component<Props, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: Error): void {
    this.props.report(error.message || String(error), error.stack, this.props.where);
  }

  override render(): ReactNode {
    if (this.state.failed) return <Fallback onReset={() => this.setState({ failed: false })} />;
    return this.props.children;
  }
}

/** One broken view stays one broken view: the shell, the phone and the other sections keep working. */
export function ErrorBoundary({ where, children }: { where: string; children: ReactNode }) {
  const { api } = useApp();
  const report = (message: string, stack: string | undefined, at: string): void => {
    void api
      .call('diagnostics.reportError', { message: message.slice(0, 2000), stack: stack?.slice(0, 8000), where: at })
      .catch(() => undefined);
  };
  return (
    <Boundary where={where} report={report}>
      {children}
    </Boundary>
  );
}

import fs from 'node:fs';
import path from 'node:path';
import packageJson from '../package.json';
import type { AppInfo } from '../shared/api/contract';
import { EventBus } from './api/event-bus';
import { createRegistrar, type Handlers, type Registrar } from './api/registrar';
import { databaseFileName, type ServiceConfig } from './config';
import { SqlClient } from './db/sql-client';
import { createLogger, FileSink, teeSink, type LogSink, type Logger } from './log/logger';
import { AppStateStore } from './settings/app-state';
import { SettingsService } from './settings/settings-service';
import { DiagnosticsService } from './status/diagnostics-service';
import { StatusService } from './status/status-service';
import { FileSecretStore } from './secrets/secret-store';
import { accountKey as phoneAccountKey, SoftphoneService } from './softphone/softphone-service';
import { phoneAccountSchema } from '../shared/softphone/types';
import { CenterService } from './center/center-service';
import { KnowledgeBaseService } from './kb/kb-service';
import { RecordingsService } from './recordings/recordings-service';
import { WallboardService } from './wallboard/wallboard-service';

export interface Services {
  readonly info: AppInfo;
  readonly log: Logger;
  readonly events: EventBus;
  readonly registrar: Registrar;
  readonly settings: SettingsService;
  readonly status: StatusService;
  readonly appState: AppStateStore;
  readonly softphone: SoftphoneService;
  readonly center: CenterService;
  readonly kb: KnowledgeBaseService;
  readonly recordings: RecordingsService;
  readonly wallboard: WallboardService;
  close(): Promise<void>;
}

/**
 * The composition root. The Electron main process, the web host and the CLI
 * all build their services here, so all three run the same code; they differ
 * only in the config they pass and the transport they put in front.
 */
export async function createServices(config: ServiceConfig): Promise<Services> {
  const now = config.now ?? (() => new Date());
  fs.mkdirSync(config.dataDir, { recursive: true });

  const sinks: LogSink[] = [];
  if (config.logToFile !== false) sinks.push(new FileSink(path.join(config.dataDir, 'logs', 'seatdesk.log')));
  if (config.logSink) sinks.push(config.logSink);
  const sink = teeSink(...sinks);
  const log = createLogger(sink, 'app', now);

  const db = await SqlClient.open({
    file: path.join(config.dataDir, databaseFileName),
    log: log.child('sql'),
    nativeBinding: config.nativeBinding,
    ...(config.dbScript ? { script: config.dbScript } : {}),
  });

  const events = new EventBus();
  let settings: SettingsService;
  try {
    settings = await SettingsService.load(db, events, log.child('settings'));
  } catch (error) {
    await db.close();
    throw error;
  }
  const status = new StatusService(events, now);
  const diagnostics = new DiagnosticsService(log.child('renderer'));
  const appState = new AppStateStore(db, log.child('state'));
  const secrets = new FileSecretStore(
    path.join(config.dataDir, 'secrets.json'),
    log.child('secrets'),
    config.secretsCipher,
  );
  const softphone = new SoftphoneService({
    db,
    events,
    log: log.child('softphone'),
    status,
    appState,
    secrets,
    ...config.softphone,
  });

  /** The center drives the phone through the softphone's own handlers, so the same checks apply. */
  const phoneCall = async (method: 'softphone.answer' | 'softphone.reject', lineId: string): Promise<void> => {
    await softphone.handlers()[method]({ lineId }, { transport: 'internal', readOnly: false, client: 'center' });
  };
  const areaDeps = { db, events, now, dataDir: config.dataDir, profile: () => settings.get().profile };
  const center = new CenterService({
    ...areaDeps,
    log: log.child('center'),
    locale: () => settings.get().locale,
    status,
    hasPhoneAccount: async () => (await appState.read(phoneAccountKey, phoneAccountSchema)) !== undefined,
    // Only the hosts people use (web, desktop) ask for training; tests and the CLI never simulate.
    training: config.training ?? 'off',
    ...(config.trainingTiming ? { trainingTiming: config.trainingTiming } : {}),
    // Called once training starts, after every service below exists.
    seedKnowledgeBase: () => kb.seedSample(),
    satisfactionHeader: async () =>
      (await appState.read(phoneAccountKey, phoneAccountSchema))?.satisfactionHeader ?? null,
    phone: {
      answer: (lineId) => phoneCall('softphone.answer', lineId),
      reject: (lineId) => phoneCall('softphone.reject', lineId),
    },
  });
  const kb = new KnowledgeBaseService({ ...areaDeps, log: log.child('kb') });
  const recordings = new RecordingsService({ ...areaDeps, log: log.child('recordings') });
  const wallboard = new WallboardService({ ...areaDeps, log: log.child('wallboard'), center });

  const info: AppInfo = {
    name: 'SeatDesk',
    version: packageJson.version,
    mode: config.mode,
    platform: process.platform,
    dataDir: config.dataDir,
    schemaVersion: db.schemaVersion,
    startedAt: now().toISOString(),
    testHooks: process.env.NODE_ENV === 'test',
  };

  const handlers: Handlers = {
    'app.getInfo': () => info,
    ...settings.handlers(),
    ...status.handlers(),
    ...diagnostics.handlers(),
    ...softphone.handlers(),
    ...center.handlers(),
    ...kb.handlers(),
    ...recordings.handlers(),
    ...wallboard.handlers(),
  };
  const registrar = createRegistrar(handlers, log.child('api'));

  log.info('services started', { mode: config.mode, dataDir: config.dataDir, schemaVersion: db.schemaVersion });
  // Registration runs in the background: a slow or absent SIP server must not hold up the window.
  const softphoneStarted = softphone
    .start()
    .catch((error: Error) => log.error('softphone did not start', { error: error.message }));
  const areasStarted = Promise.all(
    (
      [
        ['center', center],
        ['kb', kb],
        ['recordings', recordings],
        ['wallboard', wallboard],
      ] as const
    ).map(([name, area]) =>
      area.start().catch((error: Error) => log.error(`${name} did not start`, { error: error.message })),
    ),
  );

  let closed: Promise<void> | undefined;
  return {
    info,
    log,
    events,
    registrar,
    settings,
    status,
    appState,
    softphone,
    center,
    kb,
    recordings,
    wallboard,
    close: () => {
      closed ??= (async () => {
        log.info('services stopping');
        await softphoneStarted;
        await areasStarted;
        await softphone.close();
        await Promise.all([wallboard.close(), kb.close(), recordings.close()]);
        await center.close();
        await db.close();
        await sink.close?.();
      })();
      return closed;
    },
  };
}

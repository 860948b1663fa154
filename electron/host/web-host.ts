import { guardUncaughtErrors, tolerateClosedTerminal } from '../log/crash-guard';
import { ConsoleSink } from '../log/logger';
import { resolveDataDir, trainingModeFromEnv } from '../config';
import { DatabaseOpenError } from '../db/protocol';
import { rendererDir } from '../paths';
import { createServices, type Services } from '../services';
import { startWebServer, type WebServer } from './web-server';

/**
 * `npm run web`: the services and the UI for a browser, on 127.0.0.1.
 * Environment: PORT (default 5174, 0 picks a free port), SEATDESK_BIND (an
 * address other than loopback, e.g. 0.0.0.0 to serve a wall screen on the LAN),
 * SEATDESK_DATA_DIR.
 */

const defaultPort = 5174;

function parsePort(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return defaultPort;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a whole number from 0 to 65535, not "${raw}".`);
  }
  return port;
}

async function main(): Promise<void> {
  // The terminal may go away (a closed pipe, a closed SSH session); the host keeps serving.
  tolerateClosedTerminal();
  let services: Services | undefined;
  let server: WebServer | undefined;
  try {
    const port = parsePort(process.env.PORT);
    const bindAddress = process.env.SEATDESK_BIND?.trim() || '127.0.0.1';
    services = await createServices({
      mode: 'web',
      dataDir: resolveDataDir(),
      training: trainingModeFromEnv(),
      logSink: new ConsoleSink(process.env.SEATDESK_LOG_LEVEL === 'debug' ? 'debug' : 'warn'),
    });
    const log = services.log.child('host');
    const uncaught = guardUncaughtErrors(log);
    process.on('unhandledRejection', (reason) => uncaught(reason, 'rejection'));
    process.on('uncaughtException', (error) => uncaught(error, 'exception'));

    server = await startWebServer({ services, staticDir: rendererDir(), port, bindAddress });
    if (bindAddress !== '127.0.0.1' && bindAddress !== 'localhost' && bindAddress !== '::1') {
      console.log(`Warning: serving on ${bindAddress}, reachable from other machines (SEATDESK_BIND).`);
    }
    console.log(`SeatDesk web mode: ${server.url}`);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      console.error(
        `SeatDesk: port ${process.env.PORT ?? defaultPort} is already in use. Set PORT to another port (PORT=0 picks a free one).`,
      );
    } else if (error instanceof DatabaseOpenError) {
      console.error(`SeatDesk: ${error.message}`);
    } else {
      console.error(`SeatDesk could not start: ${(error as Error).message}`);
    }
    await server?.close();
    await services?.close();
    process.exitCode = 1;
    return;
  }

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) {
      // A second Ctrl-C means now.
      process.exit(1);
    }
    stopping = true;
    services?.log.info('stopping', { signal });
    void (async () => {
      await server?.close();
      await services?.close();
      process.exit(0);
    })();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

void main();

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Starts the real Kamailio (Debian packages kamailio, kamailio-websocket-modules)
 * from the config kept beside this file, on a free loopback port, for tests and
 * benchmarks. Stopped by the caller.
 */

export interface SipUser {
  readonly user: string;
  readonly password: string;
}

export interface Kamailio {
  readonly port: number;
  /** ws://127.0.0.1:PORT */
  readonly wsUri: string;
  /** SIP domain the users register under. */
  readonly domain: string;
  readonly process: ChildProcess;
  /** SIGTERM, wait for the exit. */
  stop(): Promise<void>;
  /** SIGKILL: the server vanishes mid-session. */
  kill(): Promise<void>;
  /** SIGSTOP: connections stay open but nothing answers (a hung server, a dead route). */
  freeze(): void;
  thaw(): void;
  /** The last lines Kamailio logged, for failing tests. */
  stderr(): string;
}

const template = fileURLToPath(new URL('./kamailio.cfg', import.meta.url));

export function findKamailio(): { binary: string; modules: string } | { missing: string } {
  const which = spawnSync('sh', ['-c', 'command -v kamailio || ls /usr/sbin/kamailio 2>/dev/null'], {
    encoding: 'utf8',
  });
  const binary = which.stdout.trim().split('\n')[0];
  if (!binary)
    return { missing: 'kamailio is not installed (Debian: apt-get install kamailio kamailio-websocket-modules)' };
  const candidates = [
    '/usr/lib/x86_64-linux-gnu/kamailio/modules',
    '/usr/lib/aarch64-linux-gnu/kamailio/modules',
    '/usr/lib/kamailio/modules',
    '/usr/lib64/kamailio/modules',
  ];
  const modules = candidates.find((dir) => fs.existsSync(path.join(dir, 'websocket.so')));
  if (!modules)
    return { missing: "Kamailio's websocket module is missing (apt-get install kamailio-websocket-modules)" };
  return { binary, modules };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once the port accepts TCP connections; each failed connect is the event that retries. */
function whenListening(port: number, child: ChildProcess, deadlineMs: number): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  return new Promise((resolve, reject) => {
    const attempt = (): void => {
      if (child.exitCode !== null) return reject(new Error(`kamailio exited with code ${child.exitCode}`));
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`kamailio did not listen on ${port}`));
        else setTimeout(attempt, 25);
      });
    };
    attempt();
  });
}

/** Resolves once nothing accepts connections on the port any more. */
function whenClosed(port: number): Promise<void> {
  return new Promise((resolve) => {
    const attempt = (): void => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        setTimeout(attempt, 25);
      });
      socket.once('error', () => {
        socket.destroy();
        resolve();
      });
    };
    attempt();
  });
}

export async function startKamailio(options: { users: readonly SipUser[]; port?: number }): Promise<Kamailio> {
  const found = findKamailio();
  if ('missing' in found) throw new Error(found.missing);
  const port = options.port ?? (await freePort());
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seatdesk-kamailio-'));
  const users = options.users
    .map(({ user, password }) => {
      if (!/^[\w.-]+$/.test(user) || !/^[\w.-]+$/.test(password)) throw new Error(`Unsafe test credentials: ${user}`);
      return `\t$sht(users=>${user}) = "${password}";`;
    })
    .join('\n');
  const config = fs
    .readFileSync(template, 'utf8')
    .replaceAll('@@PORT@@', String(port))
    .replaceAll('@@MPATH@@', found.modules)
    .replace('@@USERS@@', users);
  const configFile = path.join(dir, 'kamailio.cfg');
  fs.writeFileSync(configFile, config);

  const child = spawn(
    found.binary,
    ['-f', configFile, '-DD', '-E', '-e', '-m', '64', '-M', '8', '-Y', dir, '-w', dir],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
      // Its own process group: Kamailio forks workers, and a kill must reach all of them.
      detached: true,
    },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-20_000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signalGroup = (signal: NodeJS.Signals): void => {
    try {
      process.kill(-(child.pid ?? 0), signal);
    } catch {
      // Already gone.
    }
  };
  // Its own process group outlives us: if this process dies first, take Kamailio along.
  const orphanGuard = (): void => signalGroup('SIGKILL');
  process.once('exit', orphanGuard);
  try {
    await whenListening(port, child, 15_000);
  } catch (error) {
    signalGroup('SIGKILL');
    process.off('exit', orphanGuard);
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`${(error as Error).message}\n${stderr}`, { cause: error });
  }
  const finish = async (signal: NodeJS.Signals): Promise<void> => {
    signalGroup(signal);
    await exited;
    // The workers leave with the main process on SIGTERM; after SIGKILL they are orphans.
    signalGroup('SIGKILL');
    process.off('exit', orphanGuard);
    await whenClosed(port);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return {
    port,
    wsUri: `ws://127.0.0.1:${port}`,
    domain: '127.0.0.1',
    process: child,
    stop: () => finish('SIGTERM'),
    kill: () => finish('SIGKILL'),
    freeze: () => signalGroup('SIGSTOP'),
    thaw: () => signalGroup('SIGCONT'),
    stderr: () => stderr,
  };
}

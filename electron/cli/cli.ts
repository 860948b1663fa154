import { parseArgs } from 'node:util';
import packageJson from '../../package.json';
import { ApiError } from '../../shared/api/errors';
import type { MethodName, MethodRequest, MethodResponse } from '../../shared/api/contract';
import { resolveDataDir } from '../config';
import { ConsoleSink } from '../log/logger';
import { createServices } from '../services';
import { UsageError, type CliOutput, type Command, type CommandContext } from './command';
import { commands } from './commands';

function helpText(): string {
  const width = Math.max(...commands.map((c) => c.usage.length));
  return [
    `seatdesk ${packageJson.version}: SeatDesk from the command line`,
    '',
    'Usage: seatdesk [--data-dir DIR] [--json] <command> [arguments]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`),
    '',
    'Options:',
    "  --data-dir DIR  Data folder (default: $SEATDESK_DATA_DIR, else the desktop app's folder)",
    '  --json          Print the result as JSON on stdout',
    '  -h, --help      Show this help',
    '  -v, --version   Print the version',
  ].join('\n');
}

function findCommand(positionals: readonly string[]): { command: Command; args: string[] } | undefined {
  let best: Command | undefined;
  for (const command of commands) {
    const matches = command.path.every((part, i) => positionals[i] === part);
    if (matches && (best === undefined || command.path.length > best.path.length)) best = command;
  }
  return best && { command: best, args: positionals.slice(best.path.length) };
}

type CommandOption = NonNullable<Command['options']>[string];
const commandOptions: Record<string, CommandOption> = Object.assign({}, ...commands.map((c) => c.options ?? {}));

export async function runCli(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        // Options commands declare for themselves; each is checked against its command below.
        ...commandOptions,
        'data-dir': { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (error) {
    console.error(`seatdesk: ${(error as Error).message}\n\n${helpText()}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.version) {
    console.log(packageJson.version);
    return 0;
  }
  if (values.help || positionals.length === 0) {
    console.log(helpText());
    return values.help ? 0 : 2;
  }
  const found = findCommand(positionals);
  if (found === undefined) {
    console.error(`seatdesk: unknown command "${positionals.join(' ')}"\n\n${helpText()}`);
    return 2;
  }

  const globalOptions = new Set(['data-dir', 'json', 'help', 'version']);
  const foreign = Object.keys(values).filter(
    (name) => !globalOptions.has(name) && !Object.hasOwn(found.command.options ?? {}, name),
  );
  if (foreign.length > 0) {
    console.error(
      `seatdesk: ${found.command.path.join(' ')} has no option --${foreign[0]}\nUsage: ${found.command.usage}`,
    );
    return 2;
  }

  const dataDir = values['data-dir'] ?? resolveDataDir();
  let services;
  try {
    // The CLI prints its own refusals; only errors also go to the terminal (everything to the log file).
    services = await createServices({ mode: 'cli', dataDir, logSink: new ConsoleSink('error') });
  } catch (error) {
    console.error(`seatdesk: ${(error as Error).message}`);
    return 1;
  }
  let result: unknown;
  const out: CliOutput = {
    line: (text) => {
      if (!values.json) console.log(text);
    },
    result: (value) => {
      result = value;
    },
  };
  const context: CommandContext = {
    services,
    json: values.json ?? false,
    options: values as Record<string, string | boolean | undefined>,
    out,
    async call<M extends MethodName>(method: M, request: MethodRequest<M>): Promise<MethodResponse<M>> {
      const answer = await services.registrar.dispatch(method, request, {
        transport: 'cli',
        readOnly: false,
        client: 'cli',
      });
      if (!answer.ok) throw ApiError.fromPayload(answer.error);
      return answer.value as MethodResponse<M>;
    },
  };
  try {
    await found.command.run(context, found.args);
    if (values.json) console.log(JSON.stringify(result ?? null, null, 2));
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`seatdesk: ${error.message}\nUsage: ${found.command.usage}`);
      return 2;
    }
    const message = error instanceof ApiError ? `${error.code}: ${error.message}` : (error as Error).message;
    if (values.json) console.log(JSON.stringify({ error: message }));
    else console.error(`seatdesk: ${message}`);
    return 1;
  } finally {
    await services.close();
  }
}

const isEntry = process.argv[1] !== undefined && /cli\.(mjs|ts)$/.test(process.argv[1]);
if (isEntry) {
  void runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}

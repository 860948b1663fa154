import type { MethodName, MethodRequest, MethodResponse } from '../../shared/api/contract';
import type { Services } from '../services';

export interface CliOutput {
  /** A line for people; suppressed with --json. */
  line(text: string): void;
  /** The machine-readable result; printed once as JSON with --json. */
  result(value: unknown): void;
}

export interface CommandContext {
  readonly services: Services;
  readonly json: boolean;
  /** Values of the options the command declared (Command.options), e.g. options.lang. */
  readonly options?: Readonly<Record<string, string | boolean | undefined>>;
  readonly out: CliOutput;
  /** Calls go through the registrar, so the CLI validates exactly like the UI. */
  call<M extends MethodName>(method: M, request: MethodRequest<M>): Promise<MethodResponse<M>>;
}

export interface Command {
  /** e.g. ['settings', 'set'] for `seatdesk settings set`. */
  readonly path: readonly string[];
  readonly usage: string;
  readonly summary: string;
  /** Options of this command besides the global ones (`--lang zh-TW`); others are refused with exit 2. */
  readonly options?: Readonly<Record<string, { readonly type: 'string' | 'boolean'; readonly short?: string }>>;
  run(context: CommandContext, args: readonly string[]): Promise<void>;
}

/** A mistake in how the command was typed: exit code 2 and the usage line. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

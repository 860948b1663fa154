import { z } from 'zod';

export interface MethodSpec<Req extends z.ZodType, Res extends z.ZodType> {
  readonly request: Req;
  readonly response: Res;
  /**
   * True when the method changes state. Read-only connections (a wallboard
   * opened with a token) are refused such methods by the bridge.
   */
  readonly mutates: boolean;
}

/** Declares one contract method; used by shared/api/contract.ts and each area's contract file. */
export function method<Req extends z.ZodType, Res extends z.ZodType>(spec: MethodSpec<Req, Res>): MethodSpec<Req, Res> {
  return spec;
}

/** Methods that take no arguments still take an object, so payloads stay extensible. */
export const noArgs = z.strictObject({});

/** The answer of a method that only acknowledges. */
export const done = z.object({});

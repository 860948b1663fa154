/**
 * The wallboard area's part of the API contract; shared/api/contract.ts spreads it in.
 * Names go in ./names.ts too (the Electron preload reads names without zod).
 */
export const wallboardMethods = {} as const;

export const wallboardEvents = {} as const;

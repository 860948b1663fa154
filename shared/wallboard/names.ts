/** The wallboard area's method and event names, without schemas (for the Electron preload). */
export const wallboardMethodNames = [] as const;

export const wallboardEventNames = [] as const;

/** The kb area's method and event names, without schemas (for the Electron preload). */
export const kbMethodNames = [] as const;

export const kbEventNames = [] as const;

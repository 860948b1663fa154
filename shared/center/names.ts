/** The center area's method and event names, without schemas (for the Electron preload). */
export const centerMethodNames = [] as const;

export const centerEventNames = [] as const;

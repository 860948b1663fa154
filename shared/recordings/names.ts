/** The recordings area's method and event names, without schemas (for the Electron preload). */
export const recordingsMethodNames = [] as const;

export const recordingsEventNames = [] as const;

/**
 * The only two IPC channels. Every contract method travels on CALL with its
 * name, and the main side refuses names the contract does not declare; the
 * renderer never sees these strings, only the preload's typed functions.
 */
export const ipcChannels = {
  call: 'seatdesk:call',
  event: 'seatdesk:event',
} as const;

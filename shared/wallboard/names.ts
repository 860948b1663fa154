/** The wallboard area's method and event names, without schemas (for the Electron preload). */
export const wallboardMethodNames = [
  'wallboard.snapshot',
  'wallboard.events',
  'wallboard.createToken',
  'wallboard.listTokens',
  'wallboard.revokeToken',
  'wallboard.listAnnouncements',
  'wallboard.saveAnnouncement',
  'wallboard.deleteAnnouncement',
  'wallboard.saveThresholds',
  'supervisor.forceNotReady',
  'supervisor.logOut',
  'supervisor.reassign',
  'supervisor.alerts',
] as const;

export const wallboardEventNames = ['wallboard.changed', 'supervisor.alert'] as const;

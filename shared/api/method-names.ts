import { centerEventNames, centerMethodNames } from '../center/names';
import { kbEventNames, kbMethodNames } from '../kb/names';
import { recordingsEventNames, recordingsMethodNames } from '../recordings/names';
import { wallboardEventNames, wallboardMethodNames } from '../wallboard/names';
import type { EventName, MethodName } from './contract';

/**
 * The contract's names without its schemas, for the Electron preload: it needs
 * only the names to build `window.seatdesk`, and zod would triple its size.
 * The checks below fail to compile when this list and the contract disagree.
 */
export const methodNameList = [
  'app.getInfo',
  'settings.get',
  'settings.update',
  'status.get',
  'diagnostics.reportError',
  'softphone.getAccount',
  'softphone.saveAccount',
  'softphone.removeAccount',
  'softphone.getState',
  'softphone.reconnect',
  'softphone.dial',
  'softphone.answer',
  'softphone.reject',
  'softphone.hangup',
  'softphone.hold',
  'softphone.mute',
  'softphone.dtmf',
  'softphone.transfer',
  'softphone.consult',
  'softphone.completeTransfer',
  'softphone.conference',
  'softphone.history',
  'media.attach',
  'media.respond',
  'media.connectionState',
  'media.reportStats',
  ...centerMethodNames,
  ...kbMethodNames,
  ...recordingsMethodNames,
  ...wallboardMethodNames,
] as const satisfies readonly MethodName[];

export const eventNameList = [
  'settings.changed',
  'status.changed',
  'softphone.changed',
  'softphone.incoming',
  'softphone.callLogged',
  'media.request',
  ...centerEventNames,
  ...kbEventNames,
  ...recordingsEventNames,
  ...wallboardEventNames,
] as const satisfies readonly EventName[];

type Missing<All, Listed> = Exclude<All, Listed>;
const everyMethodListed: [Missing<MethodName, (typeof methodNameList)[number]>] extends [never] ? true : never = true;
const everyEventListed: [Missing<EventName, (typeof eventNameList)[number]>] extends [never] ? true : never = true;
void everyMethodListed;
void everyEventListed;

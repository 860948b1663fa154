import type { SoftphoneState } from '../../../shared/softphone/types';
import type { SipPhone } from '../sip-phone';

/** Resolves with the phone's state once `predicate` holds, now or at a later change. No polling. */
export function untilState(phone: SipPhone, predicate: (state: SoftphoneState) => boolean): Promise<SoftphoneState> {
  return new Promise((resolve) => {
    if (predicate(phone.state())) return resolve(phone.state());
    const off = phone.onChange((state) => {
      if (predicate(state)) {
        off();
        resolve(state);
      }
    });
  });
}

/** Phone shortcuts travel from the global hotkeys to the dock, which knows the current line. */
export type PhoneCommand = 'answer' | 'hangup' | 'hold' | 'mute' | 'transfer' | 'dial';

const target = new EventTarget();

export function sendPhoneCommand(command: PhoneCommand): void {
  target.dispatchEvent(new CustomEvent<PhoneCommand>('command', { detail: command }));
}

export function onPhoneCommand(listener: (command: PhoneCommand) => void): () => void {
  const handler = (event: Event): void => listener((event as CustomEvent<PhoneCommand>).detail);
  target.addEventListener('command', handler);
  return () => target.removeEventListener('command', handler);
}

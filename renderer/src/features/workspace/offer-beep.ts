/**
 * Two short soft tones for an offered chat or ticket (calls ring through the softphone's
 * ringtone). Made with WebAudio, no asset; autoplay rules may silence it before the first
 * click, and the toast still shows.
 */
let context: AudioContext | undefined;

export function offerBeep(): void {
  if (typeof AudioContext === 'undefined') return;
  try {
    context ??= new AudioContext();
    void context.resume().catch(() => undefined);
    const start = context.currentTime + 0.01;
    for (const [offset, frequency] of [
      [0, 660],
      [0.18, 880],
    ] as const) {
      const osc = context.createOscillator();
      const gain = context.createGain();
      osc.type = 'sine';
      osc.frequency.value = frequency;
      gain.gain.setValueAtTime(0, start + offset);
      gain.gain.linearRampToValueAtTime(0.15, start + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.001, start + offset + 0.16);
      osc.connect(gain).connect(context.destination);
      osc.start(start + offset);
      osc.stop(start + offset + 0.18);
    }
  } catch {
    // No audio output: the toast is the signal.
  }
}

/**
 * A ringtone made in code (no asset): 440 + 480 Hz, two seconds on, four off,
 * the North American ring cadence most agents know. Played on the ringing
 * device the agent chose, which may differ from the headset.
 */
function ringWav(): Blob {
  const rate = 16_000;
  const seconds = 6;
  const samples = rate * seconds;
  const buffer = new ArrayBuffer(44 + samples * 2);
  const view = new DataView(buffer);
  const text = (offset: number, value: string): void =>
    [...value].forEach((c, i) => view.setUint8(offset + i, c.charCodeAt(0)));
  text(0, 'RIFF');
  view.setUint32(4, 36 + samples * 2, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, rate, true);
  view.setUint32(28, rate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  text(36, 'data');
  view.setUint32(40, samples * 2, true);
  for (let i = 0; i < samples; i++) {
    const t = i / rate;
    const on = t < 2;
    const fade = Math.min(1, t * 50, (2 - t) * 50);
    const value = on ? 0.25 * fade * (Math.sin(2 * Math.PI * 440 * t) + Math.sin(2 * Math.PI * 480 * t)) : 0;
    view.setInt16(44 + i * 2, Math.round(value * 32767), true);
  }
  return new Blob([buffer], { type: 'audio/wav' });
}

export class Ringtone {
  readonly #audio = new Audio();
  #url: string | undefined;

  constructor() {
    this.#audio.loop = true;
  }

  #wanted = false;

  async start(deviceId: string): Promise<void> {
    this.#wanted = true;
    this.#url ??= URL.createObjectURL(ringWav());
    this.#audio.src = this.#url;
    if (deviceId) await this.#audio.setSinkId(deviceId).catch(() => undefined);
    // Answered while the device was being switched: do not start ringing now.
    if (!this.#wanted) return;
    // Autoplay rules may refuse before the first click; the toast still shows.
    await this.#audio.play().catch(() => undefined);
  }

  stop(): void {
    this.#wanted = false;
    this.#audio.pause();
    this.#audio.currentTime = 0;
  }
}

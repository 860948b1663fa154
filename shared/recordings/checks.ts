/**
 * Automatic checks on every recording, computed from its waveform peaks (about 100 per second
 * per channel, each the peak absolute amplitude of its window scaled to 0…255). Stereo recordings
 * carry the agent on the left channel (0) and the customer on the right (1).
 *
 * - silence ratio per channel: the share of windows below the silence threshold;
 * - over-talk: seconds in which both channels are above the speech threshold at once;
 * - longest silence: the longest run in which every channel is below the silence threshold.
 *
 * The flags (bit mask, stored in the index for filtering) mark recordings a QA lead wants to see.
 */

/** Peak values (0…255) below this count as silence: about −34 dBFS. */
export const silenceLevel = 5;
/** Peak values at or above this count as speech: about −24 dBFS. */
export const speechLevel = 16;
/** Short gaps inside speech are not over-talk or silence; runs shorter than this are ignored for over-talk. */
export const overTalkMinWindows = 30;

export const checkFlags = {
  /** Any channel silent for more than half the call. */
  silence: 1,
  /** More than 10 s of both speaking at once. */
  overtalk: 2,
  /** A silence of 30 s or more. */
  long_silence: 4,
} as const;
export type CheckFlag = keyof typeof checkFlags;
export const checkFlagNames = Object.keys(checkFlags) as CheckFlag[];

export const checkThresholds = { silenceRatio: 0.5, overTalkSeconds: 10, longestSilenceSeconds: 30 } as const;

export interface CheckResults {
  /** Per channel, 0…1 (left/agent first). */
  readonly silenceRatio: readonly number[];
  readonly overTalkSeconds: number;
  readonly longestSilenceSeconds: number;
  readonly flags: number;
}

export function computeChecks(channels: readonly Uint8Array[], peaksPerSecond: number): CheckResults {
  const length = Math.min(...channels.map((c) => c.length));
  if (channels.length === 0 || length === 0 || peaksPerSecond <= 0) {
    return { silenceRatio: channels.map(() => 0), overTalkSeconds: 0, longestSilenceSeconds: 0, flags: 0 };
  }
  const silenceRatio = channels.map((peaks) => {
    let silent = 0;
    for (let i = 0; i < length; i++) if ((peaks[i] ?? 0) < silenceLevel) silent++;
    return silent / length;
  });
  let overTalkWindows = 0;
  let run = 0;
  let longestSilence = 0;
  let silenceRun = 0;
  for (let i = 0; i < length; i++) {
    let allSilent = true;
    let allSpeaking = channels.length > 1;
    for (const peaks of channels) {
      const v = peaks[i] ?? 0;
      if (v >= silenceLevel) allSilent = false;
      if (v < speechLevel) allSpeaking = false;
    }
    if (allSpeaking) run++;
    else {
      if (run >= overTalkMinWindows) overTalkWindows += run;
      run = 0;
    }
    if (allSilent) {
      silenceRun++;
      if (silenceRun > longestSilence) longestSilence = silenceRun;
    } else silenceRun = 0;
  }
  if (run >= overTalkMinWindows) overTalkWindows += run;
  const overTalkSeconds = round2(overTalkWindows / peaksPerSecond);
  const longestSilenceSeconds = round2(longestSilence / peaksPerSecond);
  let flags = 0;
  if (silenceRatio.some((r) => r > checkThresholds.silenceRatio)) flags |= checkFlags.silence;
  if (overTalkSeconds > checkThresholds.overTalkSeconds) flags |= checkFlags.overtalk;
  if (longestSilenceSeconds >= checkThresholds.longestSilenceSeconds) flags |= checkFlags.long_silence;
  return {
    silenceRatio: silenceRatio.map((r) => Math.round(r * 10_000) / 10_000),
    overTalkSeconds,
    longestSilenceSeconds,
    flags,
  };
}

const round2 = (value: number): number => Math.round(value * 100) / 100;

export function flagMask(flags: readonly CheckFlag[]): number {
  return flags.reduce((mask, flag) => mask | checkFlags[flag], 0);
}

/**
 * Peaks from decoded samples (−1…1), one array per channel: the peak absolute amplitude of each
 * window of sampleRate / peaksPerSecond samples, scaled to 0…255. Feed samples in any chunking.
 */
export class PeakBuilder {
  readonly #window: number;
  readonly #channels: number;
  readonly #out: number[][];
  readonly #current: number[];
  #filled = 0;

  constructor(channels: number, sampleRate: number, peaksPerSecond = 100) {
    this.#channels = channels;
    this.#window = Math.max(1, Math.round(sampleRate / peaksPerSecond));
    this.#out = Array.from({ length: channels }, () => []);
    this.#current = new Array<number>(channels).fill(0);
  }

  /** One frame: a sample per channel. */
  push(channel: number, value: number): void {
    const abs = value < 0 ? -value : value;
    if (abs > (this.#current[channel] ?? 0)) this.#current[channel] = abs;
    if (channel === this.#channels - 1 && ++this.#filled === this.#window) this.#flush();
  }

  #flush(): void {
    for (let c = 0; c < this.#channels; c++) {
      this.#out[c]?.push(Math.min(255, Math.round((this.#current[c] ?? 0) * 255)));
      this.#current[c] = 0;
    }
    this.#filled = 0;
  }

  finish(): Uint8Array[] {
    if (this.#filled > 0) this.#flush();
    return this.#out.map((peaks) => Uint8Array.from(peaks));
  }
}

import fs from 'node:fs';
import path from 'node:path';

/**
 * Test fixtures: real PCM WAV files (RIFF header + 16-bit samples) and an Asterisk monitor tree.
 * `shape` decides what each channel carries per 10 ms window, so the automatic checks have
 * something known to find.
 */

export interface WavOptions {
  readonly seconds: number;
  readonly channels?: 1 | 2;
  readonly sampleRate?: number;
  /** Amplitude 0…1 of channel `c` at time `t` seconds (default: a 440/660 Hz tone at 0.5). */
  readonly level?: (channel: number, t: number) => number;
  /** Seed for the noise mixed in (deterministic). */
  readonly seed?: number;
}

export function wavBytes(options: WavOptions): Buffer {
  const channels = options.channels ?? 2;
  const rate = options.sampleRate ?? 8000;
  const frames = Math.round(options.seconds * rate);
  const data = Buffer.alloc(frames * channels * 2);
  let seed = options.seed ?? 1;
  const noise = (): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff - 0.5;
  };
  for (let i = 0; i < frames; i++) {
    const t = i / rate;
    for (let c = 0; c < channels; c++) {
      const level = options.level ? options.level(c, t) : 0.5;
      const tone = Math.sin(2 * Math.PI * (c === 0 ? 440 : 660) * t);
      const value = level * (0.8 * tone + 0.2 * noise());
      data.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(value * 32767))), (i * channels + c) * 2);
    }
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'latin1');
  header.write('fmt ', 12, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(channels, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * channels * 2, 28);
  header.writeUInt16LE(channels * 2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

export function writeFile(file: string, data: Buffer | string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, data);
  return file;
}

/** The CDR line cdr_csv writes (no header row), quoted the way Asterisk quotes it. */
export function cdrLine(fields: {
  src: string;
  dst: string;
  dcontext: string;
  clid: string;
  channel: string;
  dstchannel: string;
  start: string;
  answer: string;
  end: string;
  duration: number;
  billsec: number;
  disposition: string;
  uniqueid: string;
  userfield?: string;
}): string {
  const q = (v: string): string => `"${v.replace(/"/g, '""')}"`;
  return [
    q(''),
    q(fields.src),
    q(fields.dst),
    q(fields.dcontext),
    q(fields.clid),
    q(fields.channel),
    q(fields.dstchannel),
    q('Dial'),
    q('PJSIP/1001,30,tT'),
    q(fields.start),
    q(fields.answer),
    q(fields.end),
    String(fields.duration),
    String(fields.billsec),
    q(fields.disposition),
    q('DOCUMENTATION'),
    q(fields.uniqueid),
    q(fields.userfield ?? ''),
  ].join(',');
}

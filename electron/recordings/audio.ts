import crypto from 'node:crypto';
import fs from 'node:fs';
import type { AudioFormat } from '../../shared/recordings/types';
import { PeakBuilder } from '../../shared/recordings/checks';

/**
 * Reads what an audio file says about itself: format, channels, sample rate, duration, its
 * sha256, and for PCM WAV (and A-law / µ-law WAV) waveform peaks, ~100 per second per channel.
 * One streaming pass over the file: the header is read first, then every chunk feeds the hash
 * and, inside the WAV data chunk, the peak builder. Nothing is decoded into memory at once.
 *
 * Files that are not what their name says, or are cut short, throw BadAudioError with a reason
 * a person can act on.
 */

export class BadAudioError extends Error {
  override readonly name = 'BadAudioError';
}

export interface AudioInfo {
  readonly format: AudioFormat;
  readonly channels: number | null;
  readonly sampleRate: number | null;
  readonly durationSeconds: number | null;
  readonly sizeBytes: number;
  readonly sha256: string;
  readonly peaks: { readonly peaksPerSecond: number; readonly channels: Uint8Array[] } | null;
}

export const peaksPerSecond = 100;

const extensionFormats: Readonly<Record<string, AudioFormat>> = {
  wav: 'wav',
  wave: 'wav',
  gsm: 'gsm',
  mp3: 'mp3',
  ogg: 'ogg',
  oga: 'ogg',
  opus: 'opus',
  webm: 'webm',
  flac: 'flac',
};

/** The format a file name promises, or null for names that are not audio. */
export function formatFromName(name: string): AudioFormat | null {
  const dot = name.lastIndexOf('.');
  if (dot < 0) return null;
  return extensionFormats[name.slice(dot + 1).toLowerCase()] ?? null;
}

interface Header {
  readonly format: AudioFormat;
  readonly channels: number | null;
  readonly sampleRate: number | null;
  readonly durationSeconds: number | null;
  /** PCM layout for peaks, when the samples can be decoded here. */
  readonly pcm?: {
    readonly dataOffset: number;
    readonly dataBytes: number;
    readonly encoding: 'int' | 'float' | 'alaw' | 'mulaw';
    readonly bits: number;
    readonly blockAlign: number;
  };
}

async function readAt(handle: fs.promises.FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

async function wavHeader(handle: fs.promises.FileHandle, size: number): Promise<Header> {
  const riff = await readAt(handle, 0, 12);
  if (riff.length < 12 || riff.toString('latin1', 0, 4) !== 'RIFF' || riff.toString('latin1', 8, 12) !== 'WAVE') {
    throw new BadAudioError('not a WAV file (no RIFF/WAVE header)');
  }
  let offset = 12;
  let fmt: Buffer | undefined;
  while (offset + 8 <= size) {
    const chunk = await readAt(handle, offset, 8);
    if (chunk.length < 8) break;
    const id = chunk.toString('latin1', 0, 4);
    const chunkSize = chunk.readUInt32LE(4);
    const body = offset + 8;
    if (id === 'fmt ') {
      if (chunkSize < 16 || body + chunkSize > size) throw new BadAudioError('truncated WAV (fmt chunk cut short)');
      fmt = await readAt(handle, body, Math.min(chunkSize, 64));
    } else if (id === 'data') {
      if (fmt === undefined) throw new BadAudioError('malformed WAV (data before fmt chunk)');
      const available = size - body;
      // Recorders that die mid-call leave 0 or 0xFFFFFFFF here; anything else longer than the file is a cut.
      if (chunkSize > available) {
        throw new BadAudioError(`truncated WAV (data chunk declares ${chunkSize} bytes, file has ${available})`);
      }
      return wavFromFmt(fmt, body, chunkSize);
    }
    offset = body + chunkSize + (chunkSize % 2);
  }
  throw new BadAudioError(fmt === undefined ? 'truncated WAV (no fmt chunk)' : 'truncated WAV (no data chunk)');
}

function wavFromFmt(fmt: Buffer, dataOffset: number, dataBytes: number): Header {
  let tag = fmt.readUInt16LE(0);
  const channels = fmt.readUInt16LE(2);
  const sampleRate = fmt.readUInt32LE(4);
  const byteRate = fmt.readUInt32LE(8);
  const blockAlign = fmt.readUInt16LE(12);
  const bits = fmt.readUInt16LE(14);
  if (tag === 0xfffe && fmt.length >= 26) tag = fmt.readUInt16LE(24); // WAVE_FORMAT_EXTENSIBLE: sub-format GUID
  if (channels < 1 || channels > 8 || sampleRate < 1 || byteRate < 1 || blockAlign < 1) {
    throw new BadAudioError('malformed WAV (impossible fmt values)');
  }
  const durationSeconds = Math.round((dataBytes / byteRate) * 1000) / 1000;
  const encoding =
    tag === 1 && [8, 16, 24, 32].includes(bits)
      ? 'int'
      : tag === 3 && bits === 32
        ? 'float'
        : tag === 6 && bits === 8
          ? 'alaw'
          : tag === 7 && bits === 8
            ? 'mulaw'
            : undefined;
  return {
    format: 'wav',
    channels,
    sampleRate,
    durationSeconds,
    ...(encoding ? { pcm: { dataOffset, dataBytes, encoding, bits, blockAlign } } : {}),
  };
}

const mpegBitrates: Readonly<Record<string, readonly number[]>> = {
  // [version][layer]: kbit/s by index 1…14
  '1-1': [32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
  '1-2': [32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
  '1-3': [32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  '2-1': [32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
  '2-2': [8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
  '2-3': [8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};
const mpegRates: Readonly<Record<number, readonly number[]>> = {
  3: [44100, 48000, 32000],
  2: [22050, 24000, 16000],
  0: [11025, 12000, 8000],
};

interface MpegFrame {
  readonly versionBits: number;
  readonly layer: number;
  readonly bitrate: number;
  readonly sampleRate: number;
  readonly channels: number;
  readonly length: number;
  readonly samples: number;
}

function mpegFrame(b: Buffer, at: number): MpegFrame | null {
  if (at + 4 > b.length) return null;
  const h = b.readUInt32BE(at);
  if ((h & 0xffe00000) >>> 0 !== 0xffe00000) return null;
  const versionBits = (h >>> 19) & 3;
  const layerBits = (h >>> 17) & 3;
  const bitrateIndex = (h >>> 12) & 15;
  const rateIndex = (h >>> 10) & 3;
  if (versionBits === 1 || layerBits === 0 || bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3) return null;
  const layer = 4 - layerBits;
  const v = versionBits === 3 ? 1 : 2;
  const bitrate = (mpegBitrates[`${v}-${layer}`]?.[bitrateIndex - 1] ?? 0) * 1000;
  const sampleRate = mpegRates[versionBits]?.[rateIndex] ?? 0;
  const padding = (h >>> 9) & 1;
  const channels = ((h >>> 6) & 3) === 3 ? 1 : 2;
  const samples = layer === 1 ? 384 : layer === 3 && v === 2 ? 576 : 1152;
  const length =
    layer === 1
      ? (Math.floor((12 * bitrate) / sampleRate) + padding) * 4
      : Math.floor(((samples / 8) * bitrate) / sampleRate) + padding;
  return { versionBits, layer, bitrate, sampleRate, channels, length, samples };
}

async function mp3Header(handle: fs.promises.FileHandle, size: number): Promise<Header> {
  const head = await readAt(handle, 0, Math.min(size, 256 * 1024));
  let start = 0;
  if (head.toString('latin1', 0, 3) === 'ID3' && head.length >= 10) {
    const tagSize = ((head[6] ?? 0) << 21) | ((head[7] ?? 0) << 14) | ((head[8] ?? 0) << 7) | (head[9] ?? 0);
    start = 10 + tagSize + ((head[5] ?? 0) & 0x10 ? 10 : 0);
  }
  const window = start < head.length ? head : await readAt(handle, start, 64 * 1024);
  const base = start < head.length ? start : 0;
  // The first frame is the first sync whose successor is a frame too (a lone 0xFFE… can be noise).
  for (let at = base; at < Math.min(window.length, base + 64 * 1024); at++) {
    const frame = mpegFrame(window, at);
    if (frame === null || frame.length < 8) continue;
    const next = mpegFrame(window, at + frame.length);
    if (next === null && at + frame.length < window.length - 4) continue;
    const fileStart = start < head.length ? at : start + at;
    const v1 = frame.versionBits === 3;
    const xingAt = at + 4 + (v1 ? (frame.channels === 1 ? 17 : 32) : frame.channels === 1 ? 9 : 17);
    const tag = window.toString('latin1', xingAt, xingAt + 4);
    let durationSeconds: number;
    if (
      (tag === 'Xing' || tag === 'Info') &&
      xingAt + 12 <= window.length &&
      (window.readUInt32BE(xingAt + 4) & 1) === 1
    ) {
      durationSeconds = (window.readUInt32BE(xingAt + 8) * frame.samples) / frame.sampleRate;
    } else if (window.toString('latin1', at + 36, at + 40) === 'VBRI' && at + 54 <= window.length) {
      durationSeconds = (window.readUInt32BE(at + 50) * frame.samples) / frame.sampleRate;
    } else {
      const tail = await readAt(handle, Math.max(0, size - 128), 3);
      const audioBytes = size - fileStart - (tail.toString('latin1') === 'TAG' ? 128 : 0);
      durationSeconds = (audioBytes * 8) / frame.bitrate; // constant bit rate
    }
    return {
      format: 'mp3',
      channels: frame.channels,
      sampleRate: frame.sampleRate,
      durationSeconds: Math.round(durationSeconds * 1000) / 1000,
    };
  }
  throw new BadAudioError('not an MP3 file (no MPEG audio frames)');
}

async function oggHeader(handle: fs.promises.FileHandle, size: number, named: AudioFormat): Promise<Header> {
  const head = await readAt(handle, 0, Math.min(size, 4096));
  if (head.toString('latin1', 0, 4) !== 'OggS' || head.length < 28) {
    throw new BadAudioError('not an Ogg file (no OggS page)');
  }
  const segments = head[26] ?? 0;
  const packet = 27 + segments;
  let channels: number | null = null;
  let sampleRate: number | null = null;
  let preSkip = 0;
  let granuleRate: number | null = null;
  let format: AudioFormat = named;
  if (head.toString('latin1', packet, packet + 8) === 'OpusHead') {
    channels = head[packet + 9] ?? null;
    preSkip = head.readUInt16LE(packet + 10);
    sampleRate = head.readUInt32LE(packet + 12) || 48000;
    granuleRate = 48000; // Opus granule positions always count 48 kHz samples
    format = 'opus';
  } else if (head.toString('latin1', packet + 1, packet + 7) === 'vorbis') {
    channels = head[packet + 11] ?? null;
    sampleRate = head.readUInt32LE(packet + 12);
    granuleRate = sampleRate;
    format = 'ogg';
  }
  let durationSeconds: number | null = null;
  if (granuleRate) {
    const tailStart = Math.max(0, size - 65536);
    const tail = await readAt(handle, tailStart, size - tailStart);
    const last = tail.lastIndexOf('OggS');
    if (last >= 0 && last + 14 <= tail.length) {
      const granule = Number(tail.readBigInt64LE(last + 6));
      if (granule >= 0) durationSeconds = Math.round(((granule - preSkip) / granuleRate) * 1000) / 1000;
    }
    if (durationSeconds === null || durationSeconds < 0) {
      throw new BadAudioError('truncated Ogg file (no final page with a position)');
    }
  }
  return { format, channels, sampleRate, durationSeconds };
}

async function gsmHeader(handle: fs.promises.FileHandle, size: number): Promise<Header> {
  // Raw GSM 06.10 as Asterisk writes it: 33-byte frames of 20 ms, each starting with the 0xD magic nibble.
  const head = await readAt(handle, 0, Math.min(size, 33 * 4));
  if (size % 33 !== 0)
    throw new BadAudioError(`truncated or not GSM (${size} bytes is not a whole number of 33-byte frames)`);
  for (let at = 0; at < head.length; at += 33) {
    if ((head[at] ?? 0) >> 4 !== 0xd) throw new BadAudioError('not a GSM 6.10 file (frame magic missing)');
  }
  return {
    format: 'gsm',
    channels: 1,
    sampleRate: 8000,
    durationSeconds: Math.round((size / 33) * 0.02 * 1000) / 1000,
  };
}

async function flacHeader(handle: fs.promises.FileHandle): Promise<Header> {
  const head = await readAt(handle, 0, 42);
  if (head.toString('latin1', 0, 4) !== 'fLaC' || head.length < 42) throw new BadAudioError('not a FLAC file');
  const info = head.subarray(8);
  const sampleRate = (info.readUInt32BE(10) >>> 12) & 0xfffff;
  const channels = ((info[12] ?? 0) >> 1) & 7;
  const totalSamples = ((info[13] ?? 0) & 0x0f) * 2 ** 32 + info.readUInt32BE(14);
  return {
    format: 'flac',
    channels: channels + 1,
    sampleRate,
    durationSeconds: sampleRate && totalSamples ? Math.round((totalSamples / sampleRate) * 1000) / 1000 : null,
  };
}

async function webmHeader(handle: fs.promises.FileHandle): Promise<Header> {
  const head = await readAt(handle, 0, 4);
  if (head.length < 4 || head.readUInt32BE(0) !== 0x1a45dfa3)
    throw new BadAudioError('not a WebM file (no EBML header)');
  // Duration sits deep in the EBML tree (and is absent in live-written files): left unknown.
  return { format: 'webm', channels: null, sampleRate: null, durationSeconds: null };
}

const alawTable = Float32Array.from({ length: 256 }, (_, i) => {
  let a = i ^ 0x55;
  const sign = a & 0x80 ? 1 : -1;
  a &= 0x7f;
  const exponent = a >> 4;
  const mantissa = a & 0x0f;
  const magnitude = exponent === 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (exponent - 1);
  return (sign * magnitude) / 32768;
});
const mulawTable = Float32Array.from({ length: 256 }, (_, i) => {
  const u = ~i & 0xff;
  const sign = u & 0x80 ? -1 : 1;
  const exponent = (u >> 4) & 7;
  const mantissa = u & 0x0f;
  const magnitude = (((mantissa << 3) + 0x84) << exponent) - 0x84;
  return (sign * magnitude) / 32768;
});

/** Decodes interleaved PCM frames into the peak builder; keeps a partial frame between chunks. */
class PcmPeaks {
  readonly #builder: PeakBuilder;
  readonly #pcm: NonNullable<Header['pcm']>;
  readonly #channels: number;
  readonly #bytesPerSample: number;
  #carry: Buffer = Buffer.alloc(0);

  constructor(pcm: NonNullable<Header['pcm']>, channels: number, sampleRate: number) {
    this.#pcm = pcm;
    this.#channels = channels;
    this.#bytesPerSample = pcm.bits / 8;
    this.#builder = new PeakBuilder(channels, sampleRate, peaksPerSecond);
  }

  feed(chunk: Buffer): void {
    const data = this.#carry.length ? Buffer.concat([this.#carry, chunk]) : chunk;
    const frame = this.#pcm.blockAlign;
    const whole = data.length - (data.length % frame);
    const { encoding, bits } = this.#pcm;
    const step = this.#bytesPerSample;
    for (let at = 0; at < whole; at += frame) {
      for (let c = 0; c < this.#channels; c++) {
        const p = at + c * step;
        let v: number;
        if (encoding === 'int') {
          v =
            bits === 16
              ? data.readInt16LE(p) / 32768
              : bits === 8
                ? ((data[p] ?? 128) - 128) / 128
                : bits === 24
                  ? data.readIntLE(p, 3) / 8388608
                  : data.readInt32LE(p) / 2147483648;
        } else if (encoding === 'float') v = data.readFloatLE(p);
        else if (encoding === 'alaw') v = alawTable[data[p] ?? 0] ?? 0;
        else v = mulawTable[data[p] ?? 0] ?? 0;
        this.#builder.push(c, v);
      }
    }
    this.#carry = whole < data.length ? Buffer.from(data.subarray(whole)) : Buffer.alloc(0);
  }

  finish(): Uint8Array[] {
    return this.#builder.finish();
  }
}

async function header(handle: fs.promises.FileHandle, size: number, named: AudioFormat): Promise<Header> {
  switch (named) {
    case 'wav':
      return wavHeader(handle, size);
    case 'mp3':
      return mp3Header(handle, size);
    case 'ogg':
    case 'opus':
      return oggHeader(handle, size, named);
    case 'gsm':
      return gsmHeader(handle, size);
    case 'flac':
      return flacHeader(handle);
    case 'webm':
      return webmHeader(handle);
  }
}

/** Probes, hashes and (for PCM WAV) computes peaks, in one pass over the file. */
export async function readAudio(file: string, named: AudioFormat): Promise<AudioInfo> {
  const handle = await fs.promises.open(file, 'r');
  let head: Header;
  let size: number;
  try {
    size = (await handle.stat()).size;
    if (size === 0) throw new BadAudioError('empty file');
    head = await header(handle, size, named);
  } finally {
    await handle.close();
  }
  const hash = crypto.createHash('sha256');
  const pcm = head.pcm;
  const peaks = pcm && head.channels && head.sampleRate ? new PcmPeaks(pcm, head.channels, head.sampleRate) : null;
  let position = 0;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    if (peaks && pcm) {
      const from = Math.max(position, pcm.dataOffset);
      const to = Math.min(position + chunk.length, pcm.dataOffset + pcm.dataBytes);
      if (to > from) peaks.feed(chunk.subarray(from - position, to - position));
    }
    position += chunk.length;
  }
  if (position !== size) throw new BadAudioError('file changed while it was read');
  return {
    format: head.format,
    channels: head.channels,
    sampleRate: head.sampleRate,
    durationSeconds: head.durationSeconds,
    sizeBytes: size,
    sha256: hash.digest('hex'),
    peaks: peaks ? { peaksPerSecond, channels: peaks.finish() } : null,
  };
}

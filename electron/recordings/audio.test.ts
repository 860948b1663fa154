import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BadAudioError, readAudio } from './audio';
import { wavBytes, writeFile } from './testing/fixtures';
import { tempDir } from './testing/harness';
import { crc32, unzip, zip } from './zip';

let dir: string;
beforeEach(() => {
  dir = tempDir('seatdesk-audio-');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const file = (name: string, data: Buffer | string): string => writeFile(path.join(dir, name), data);

function oggPage(granule: bigint, packet: Buffer, headerType: number): Buffer {
  const header = Buffer.alloc(28);
  header.write('OggS', 0, 'latin1');
  header[5] = headerType;
  header.writeBigInt64LE(granule, 6);
  header[26] = 1;
  header[27] = packet.length;
  return Buffer.concat([header, packet]);
}

describe('reading audio files', () => {
  it('reads a stereo PCM WAV: layout, duration, sha256 and ~100 peaks per second per channel', async () => {
    const info = await readAudio(file('a.wav', wavBytes({ seconds: 2, level: (c) => (c === 0 ? 0.8 : 0) })), 'wav');
    expect(info).toMatchObject({ format: 'wav', channels: 2, sampleRate: 8000, durationSeconds: 2 });
    expect(info.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(info.peaks?.channels.map((c) => c.length)).toEqual([200, 200]);
    expect(Math.min(...(info.peaks?.channels[0] ?? []))).toBeGreaterThan(150);
    expect(Math.max(...(info.peaks?.channels[1] ?? []))).toBe(0);
  });

  it('reads a mono WAV as one channel', async () => {
    const info = await readAudio(file('m.wav', wavBytes({ seconds: 1, channels: 1 })), 'wav');
    expect(info.channels).toBe(1);
    expect(info.peaks?.channels).toHaveLength(1);
  });

  it('refuses truncated, empty and non-audio files with a reason', async () => {
    await expect(readAudio(file('t.wav', wavBytes({ seconds: 1 }).subarray(0, 1000)), 'wav')).rejects.toThrow(
      /truncated WAV \(data chunk declares 32000 bytes, file has 956\)/,
    );
    await expect(readAudio(file('e.wav', ''), 'wav')).rejects.toThrow('empty file');
    await expect(readAudio(file('x.mp3', 'hello, not an mp3 at all'), 'mp3')).rejects.toThrow(BadAudioError);
    await expect(readAudio(file('x.ogg', 'nope'), 'ogg')).rejects.toThrow('not an Ogg file');
    await expect(readAudio(file('x.gsm', Buffer.alloc(40)), 'gsm')).rejects.toThrow(/33-byte frames/);
  });

  it('takes the duration of Ogg Opus from the last page granule minus the pre-skip', async () => {
    const head = Buffer.alloc(19);
    head.write('OpusHead', 0, 'latin1');
    head[8] = 1;
    head[9] = 2;
    head.writeUInt16LE(312, 10);
    head.writeUInt32LE(48000, 12);
    const data = Buffer.concat([oggPage(0n, head, 2), oggPage(312n + 48000n * 3n, Buffer.alloc(10), 4)]);
    expect(await readAudio(file('c.opus', data), 'opus')).toMatchObject({
      format: 'opus',
      channels: 2,
      durationSeconds: 3,
    });
  });

  it('estimates a constant-bit-rate MP3 and reads raw GSM', async () => {
    const frame = Buffer.alloc(417);
    frame.set([0xff, 0xfb, 0x90, 0x00]);
    const mp3 = await readAudio(file('c.mp3', Buffer.concat(Array.from({ length: 100 }, () => frame))), 'mp3');
    expect(mp3).toMatchObject({ format: 'mp3', channels: 2, sampleRate: 44100 });
    expect(mp3.durationSeconds).toBeCloseTo(2.606, 2);
    const gsmFrame = Buffer.alloc(33);
    gsmFrame[0] = 0xd3;
    const gsm = await readAudio(file('c.gsm', Buffer.concat(Array.from({ length: 50 }, () => gsmFrame))), 'gsm');
    expect(gsm).toMatchObject({ format: 'gsm', channels: 1, sampleRate: 8000, durationSeconds: 1 });
  });
});

describe('zip', () => {
  it('writes a store-only archive that reads back with matching CRCs', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    const archive = zip([
      { name: 'metadata.json', data: Buffer.from('{"a":1}') },
      { name: '录音/a.wav', data: wavBytes({ seconds: 0.1 }) },
    ]);
    const entries = unzip(archive);
    expect(entries.map((e) => [e.name, e.crcOk])).toEqual([
      ['metadata.json', true],
      ['录音/a.wav', true],
    ]);
    expect(entries[0]?.data.toString()).toBe('{"a":1}');
  });
});

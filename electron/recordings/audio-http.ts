import fs from 'node:fs';
import type http from 'node:http';
import type { RecordingsService } from './recordings-service';
import { recordingAudioPath } from './play-tokens';

const contentTypes: Readonly<Record<string, string>> = {
  wav: 'audio/wav',
  gsm: 'audio/gsm',
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
  opus: 'audio/ogg',
  webm: 'audio/webm',
  flac: 'audio/flac',
};

/** `bytes=a-b`, `bytes=a-` or `bytes=-n` (one range; players never ask for more). */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'none' | 'bad' {
  if (header === undefined) return 'none';
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return 'bad';
  let start: number;
  let end: number;
  if (match[1] === '') {
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  return start > end || start >= size ? 'bad' : { start, end };
}

/**
 * Serves `/media/recordings/<id>?token=…` with byte ranges, so the player seeks without
 * downloading the file. Answers false for other paths. A missing or wrong token gets 403.
 */
export async function handleRecordingAudio(
  recordings: RecordingsService,
  url: URL,
  request: http.IncomingMessage,
  response: http.ServerResponse,
): Promise<boolean> {
  if (!url.pathname.startsWith(recordingAudioPath)) return false;
  let id: string;
  try {
    id = decodeURIComponent(url.pathname.slice(recordingAudioPath.length));
  } catch {
    response.writeHead(400).end();
    return true;
  }
  const file = await recordings.audioFile(id, url.searchParams.get('token') ?? '');
  if (file === null) {
    response.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Forbidden\n');
    return true;
  }
  let size: number;
  try {
    size = (await fs.promises.stat(file.path)).size;
  } catch {
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('The recording file is missing.\n');
    return true;
  }
  const headers = {
    'Content-Type': contentTypes[file.format] ?? 'application/octet-stream',
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'private, no-store',
    'X-Content-Type-Options': 'nosniff',
  };
  const range = parseRange(request.headers.range, size);
  if (range === 'bad') {
    response.writeHead(416, { ...headers, 'Content-Range': `bytes */${size}` }).end();
    return true;
  }
  const { start, end } = range === 'none' ? { start: 0, end: size - 1 } : range;
  response.writeHead(range === 'none' ? 200 : 206, {
    ...headers,
    'Content-Length': String(Math.max(0, end - start + 1)),
    ...(range === 'none' ? {} : { 'Content-Range': `bytes ${start}-${end}/${size}` }),
  });
  if (request.method === 'HEAD' || size === 0) {
    response.end();
    return true;
  }
  const stream = fs.createReadStream(file.path, { start, end });
  stream.on('error', () => response.destroy());
  stream.pipe(response);
  return true;
}

import type { Direction } from './types';

/**
 * Asterisk / FreePBX conventions for existing recordings.
 *
 * File names: `{type}-{to}-{from}-{YYYYMMDD}-{HHMMSS}-{uniqueid}.{ext}` under `monitor/YYYY/MM/DD/`,
 * type one of in, out, q, rg, force, external, ondemand. Times in names and in the CDR are the
 * PBX's local wall-clock time; they are read in this machine's time zone (a workstation and its
 * PBX normally share one).
 *
 * CDR: `Master.csv` from cdr_csv has no header row and fixed columns (accountcode, src, dst,
 * dcontext, clid, channel, dstchannel, lastapp, lastdata, start, answer, end, duration, billsec,
 * disposition, amaflags, uniqueid, userfield, then linkedid etc. on newer versions). cdr_custom
 * files often carry a header row instead; when the first row names a `uniqueid` column the
 * header decides. The recording file travels in `recordingfile` (custom) or `userfield`.
 */

export const asteriskTypes = ['in', 'out', 'q', 'rg', 'force', 'external', 'ondemand'] as const;
export type AsteriskType = (typeof asteriskTypes)[number];

export interface AsteriskName {
  readonly type: AsteriskType;
  readonly to: string;
  readonly from: string;
  /** Epoch ms of the local wall-clock time in the name. */
  readonly startedAt: number;
  readonly uniqueId: string;
  readonly extension: string;
}

const namePattern =
  /^(in|out|q|rg|force|external|ondemand)-([^-]*)-([^-]*)-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})-(\d+(?:\.\d+)?)\.([a-z0-9]+)$/i;

export function parseAsteriskName(name: string): AsteriskName | null {
  const m = namePattern.exec(name);
  if (m === null) return null;
  const [, type, to, from, y, mo, d, h, mi, s, uniqueId, extension] = m;
  const startedAt = new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)).getTime();
  const date = new Date(startedAt);
  // 20241399-…: the regex took digits, the calendar must agree.
  if (date.getMonth() !== Number(mo) - 1 || date.getDate() !== Number(d) || date.getHours() !== Number(h)) return null;
  return {
    type: type?.toLowerCase() as AsteriskType,
    to: to ?? '',
    from: from ?? '',
    startedAt,
    uniqueId: uniqueId ?? '',
    extension: (extension ?? '').toLowerCase(),
  };
}

export function directionOfType(type: AsteriskType): Direction {
  switch (type) {
    case 'in':
    case 'q':
    case 'rg':
      return 'inbound';
    case 'out':
      return 'outbound';
    case 'force':
    case 'external':
    case 'ondemand':
      return 'unknown';
  }
}

/** RFC 4180 CSV: quoted fields, doubled quotes, commas and line breaks inside quotes, CRLF or LF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  while (i < input.length) {
    const c = input[i];
    if (quoted) {
      if (c === '"') {
        if (input[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      row.push(field);
      field = '';
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
      if (c === '\r' && input[i + 1] === '\n') i++;
    } else field += c;
    i++;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    if (row.length > 1 || row[0] !== '') rows.push(row);
  }
  return rows;
}

export interface CdrRecord {
  readonly uniqueId: string;
  readonly linkedId: string | null;
  readonly src: string;
  readonly dst: string;
  readonly dcontext: string;
  readonly clid: string;
  readonly channel: string;
  readonly dstChannel: string;
  readonly start: number | null;
  readonly answer: number | null;
  readonly end: number | null;
  readonly duration: number | null;
  readonly billsec: number | null;
  readonly disposition: string | null;
  readonly recordingFile: string | null;
}

const positional = [
  'accountcode',
  'src',
  'dst',
  'dcontext',
  'clid',
  'channel',
  'dstchannel',
  'lastapp',
  'lastdata',
  'start',
  'answer',
  'end',
  'duration',
  'billsec',
  'disposition',
  'amaflags',
  'uniqueid',
  'userfield',
  'peeraccount',
  'linkedid',
  'sequence',
];

/** "2024-03-05 14:02:09" (local), or null when empty or not a time. */
export function parseCdrTime(value: string | undefined): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(value?.trim() ?? '');
  if (m === null) return null;
  const [, y, mo, d, h, mi, s] = m;
  return new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)).getTime();
}

const int = (value: string | undefined): number | null => {
  const n = Number.parseInt(value ?? '', 10);
  return Number.isFinite(n) && n >= 0 ? n : null;
};

export interface CdrTable {
  readonly byUniqueId: ReadonlyMap<string, CdrRecord>;
  /** By the base name of the recording file the CDR names. */
  readonly byFile: ReadonlyMap<string, CdrRecord>;
  readonly rows: number;
  /** Rows that could not be read (no unique id), with their line number. */
  readonly rejected: readonly number[];
}

export function readCdr(text: string): CdrTable {
  const rows = parseCsv(text);
  let columns = positional;
  let start = 0;
  const first = rows[0]?.map((c) => c.trim().toLowerCase());
  if (first?.includes('uniqueid')) {
    columns = first;
    start = 1;
  }
  const at = (row: readonly string[], name: string): string | undefined => {
    const index = columns.indexOf(name);
    return index < 0 ? undefined : row[index];
  };
  const byUniqueId = new Map<string, CdrRecord>();
  const byFile = new Map<string, CdrRecord>();
  const rejected: number[] = [];
  for (let i = start; i < rows.length; i++) {
    const row = rows[i] ?? [];
    const uniqueId = at(row, 'uniqueid')?.trim() ?? '';
    if (!/^\d+(\.\d+)?$/.test(uniqueId)) {
      rejected.push(i + 1);
      continue;
    }
    const file = (at(row, 'recordingfile') ?? at(row, 'userfield') ?? '').trim();
    const record: CdrRecord = {
      uniqueId,
      linkedId: at(row, 'linkedid')?.trim() || null,
      src: at(row, 'src') ?? '',
      dst: at(row, 'dst') ?? '',
      dcontext: at(row, 'dcontext') ?? '',
      clid: at(row, 'clid') ?? '',
      channel: at(row, 'channel') ?? '',
      dstChannel: at(row, 'dstchannel') ?? '',
      start: parseCdrTime(at(row, 'start')),
      answer: parseCdrTime(at(row, 'answer')),
      end: parseCdrTime(at(row, 'end')),
      duration: int(at(row, 'duration')),
      billsec: int(at(row, 'billsec')),
      disposition: at(row, 'disposition')?.trim() || null,
      recordingFile: file || null,
    };
    // Several CDR rows share a unique id (transfers, queue attempts): the answered one wins.
    const previous = byUniqueId.get(uniqueId);
    if (previous === undefined || (previous.disposition !== 'ANSWERED' && record.disposition === 'ANSWERED')) {
      byUniqueId.set(uniqueId, record);
    }
    if (file) byFile.set(file.split(/[\\/]/).pop() ?? file, record);
  }
  return { byUniqueId, byFile, rows: rows.length - start, rejected };
}

/** The extension in a channel name: "PJSIP/1001-0000002a" → "1001", "Local/1002@from-queue-…" → "1002". */
export function channelExtension(channel: string): string | null {
  const m = /^(?:SIP|PJSIP|IAX2|Local|DAHDI|WebRTC)\/([^-@;/]+)/i.exec(channel.trim());
  return m?.[1] ?? null;
}

/** The name in a caller id: `"Wang Fang" <13800138000>` → "Wang Fang". */
export function callerName(clid: string): string | null {
  const m = /^\s*"?([^"<]*?)"?\s*<[^>]*>\s*$/.exec(clid);
  const name = m?.[1]?.trim();
  return name ? name : null;
}

/** Direction from the dialplan context when the file name does not say. */
export function directionOfContext(context: string): Direction | null {
  if (/^from-internal/i.test(context)) return 'outbound';
  if (/^(from-trunk|from-pstn|from-did|ext-queues|ext-group)/i.test(context)) return 'inbound';
  return null;
}

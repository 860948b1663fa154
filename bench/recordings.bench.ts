import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Database } from 'better-sqlite3';
import { openDatabase } from '../electron/db/open';
import { newRecordingId } from '../electron/recordings/ids';
import { insertRecordings, searchRecordings, type IndexRow } from '../electron/db/repositories/recordings-index';
import { percentile, round, type Benchmark, type BenchResult } from './types';

/**
 * The recordings index at 1,000,000 rows. Rows are generated here with the shape of a real center
 * (500 agents with unequal load, 50 queues of which a few take most calls, 90 days with office-hours
 * peaks, Chinese mobile and landline numbers, notes in Chinese and English on ~60 % of calls) and
 * written through the bulk-insert repository function (`insertRecordings`: tags, full text with
 * Intl.Segmenter segmentation, one transaction per 100,000 rows, statements reused).
 *
 * The queries call the repository functions directly on the database file (no worker thread, no
 * structured clone): what is measured is SQLite plus the repository code. Each query has a peer, the
 * same question answered by a plain LIKE scan on the same data in the same run.
 *
 *   RECORDINGS_BENCH_ROWS=100000 npx tsx bench/run.ts recordings   a smaller run while developing
 */

const rowCount = Number(process.env.RECORDINGS_BENCH_ROWS ?? 1_000_000);
/** Rows per transaction: pages dirtied several times in one transaction are written once. */
const batch = 100_000;
const queryRuns = 300;
/** Each LIKE peer run scans the whole table (seconds at 1M rows): fewer runs, one warm-up. */
const peerRuns = 7;
const warmups = 20;

/** Deterministic PRNG (mulberry32), so every run indexes the same data. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = rng(20240305);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
/** Skewed pick: index ~ list.length · u^k (k > 1 favours the first entries). */
const skewed = <T>(list: readonly T[], k: number): T => list[Math.floor(list.length * random() ** k)] as T;

const agents = Array.from({ length: 500 }, (_, i) => `agent-${String(i + 1).padStart(3, '0')}`);
const queues = Array.from({ length: 50 }, (_, i) => `q${String(i + 1).padStart(2, '0')}`);
const dispositions = ['resolved', 'resolved', 'resolved', 'follow_up', 'escalated', 'complaint', 'no_answer'];
const zhPhrases = [
  '客户咨询订单物流进度',
  '客户申请退款，已提交审核',
  '用户反映快递延误，已安抚并登记工单',
  '修改收货地址',
  '咨询会员积分规则',
  '投诉客服态度，已转主管回访',
  '发票开具问题，已发送邮件',
  '账户无法登录，指导重置密码',
  '询问套餐资费变更',
  '退货流程说明，客户满意',
];
const enPhrases = [
  'customer asked about delivery status',
  'refund requested, ticket opened',
  'billing question resolved on the call',
  'password reset walked through',
  'upgrade to premium plan discussed',
  'complaint about wait time, apologised',
  'address change confirmed',
  'invoice copy sent by email',
];
const surnames = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', 'Smith', 'Chen', 'Wong', 'Lee'];
const given = ['芳', '伟', '娜', '敏', '静', '磊', 'Anna', 'David', 'Mei', 'Kevin'];

/** Words that occur in about 1 row in 10,000: what a QA lead searches for. */
const rareZh = '冒用身份';
const rareEn = 'chargeback';

function phoneNumber(): string {
  if (random() < 0.75) {
    const prefix = pick(['130', '131', '135', '136', '138', '139', '150', '152', '158', '186', '188', '199']);
    return `${prefix}${String(Math.floor(random() * 1e8)).padStart(8, '0')}`;
  }
  return `0${pick(['10', '21', '20', '755', '571'])}${String(Math.floor(random() * 1e8)).padStart(8, '0')}`;
}

const dayMs = 86_400_000;
const endOfData = Date.UTC(2024, 5, 1);
const startOfData = endOfData - 90 * dayMs;

function startTime(): number {
  const day = Math.floor(random() * 90);
  // Office hours: most calls 09:00–18:00 local (UTC+8), a tail in the evening.
  const hour = random() < 0.85 ? 1 + random() * 9 : 10 + random() * 5;
  return startOfData + day * dayMs + Math.floor(hour * 3_600_000);
}

function notes(): string | null {
  const r = random();
  if (r < 0.4) return null;
  const parts = [r < 0.75 ? pick(zhPhrases) : pick(enPhrases)];
  if (random() < 0.3) parts.push(random() < 0.5 ? pick(zhPhrases) : pick(enPhrases));
  parts.push(`订单 ${Math.floor(random() * 1e7)}`);
  if (random() < 0.0001) parts.push(rareZh);
  if (random() < 0.0001) parts.push(rareEn);
  return parts.join('，');
}

/**
 * Start times in order: an import walks the PBX's YYYY/MM/DD folders day by day, and live
 * recordings are indexed as calls end. (Random order would make every index insert a random page
 * write, which no real workload does for the time-ordered indexes.)
 */
let startTimes: Float64Array = new Float64Array(0);

function row(i: number): IndexRow {
  const startedAt = startTimes[i] ?? startTime();
  const duration = Math.round(20 + -Math.log(1 - random()) * 240);
  const inbound = random() < 0.8;
  const customer = phoneNumber();
  const agent = skewed(agents, 1.3);
  const hex = i.toString(16).padStart(8, '0');
  return {
    id: newRecordingId(indexedBase + i),
    callId: `call-${i}`,
    sipCallId: `${hex}@pbx.example`,
    pbxUniqueId: `${Math.floor(startedAt / 1000)}.${i % 1000}`,
    pbxLinkedId: null,
    direction: inbound ? 'inbound' : 'outbound',
    ani: inbound ? customer : `8${agent.slice(-3)}`,
    dnis: inbound ? `4001${String(Math.floor(random() * 100)).padStart(2, '0')}` : customer,
    customerName: random() < 0.5 ? `${pick(surnames)}${pick(given)}` : null,
    agentId: agent,
    queueId: inbound ? skewed(queues, 2) : null,
    startedAt,
    answeredAt: startedAt + 3000,
    endedAt: startedAt + duration * 1000,
    talkSeconds: duration - 3,
    holdSeconds: random() < 0.2 ? Math.floor(random() * 60) : 0,
    wrapSeconds: Math.floor(random() * 45),
    durationSeconds: duration,
    disposition: pick(dispositions),
    hangupSide: random() < 0.5 ? 'customer' : 'agent',
    tags: random() < 0.3 ? [{ key: 'topic', value: pick(['billing', 'delivery', 'account', 'refund']) }] : [],
    notes: notes(),
    interactionId: null,
    ticketId: random() < 0.1 ? `T-${i}` : null,
    filePath: `/var/lib/seatdesk/recordings/${hex}.ogg`,
    fileFormat: 'ogg',
    channels: 2,
    sampleRate: 48000,
    sizeBytes: duration * 4800,
    sha256: sha256Like(),
    source: 'live',
    retentionClass: null,
    expiresAt: null,
    legalHold: false,
    recovered: false,
    checks: null,
    peaks: null,
    indexedAt: startedAt + duration * 1000,
  };
}

/** 64 random hex digits: sha256 values land all over their unique index, as real hashes do. */
function sha256Like(): string {
  let out = '';
  for (let k = 0; k < 8; k++)
    out += Math.floor(random() * 2 ** 32)
      .toString(16)
      .padStart(8, '0');
  return out;
}

/** Recordings are indexed as they finish: ids (UUIDv7) follow the indexing clock. */
const indexedBase = endOfData;

/**
 * p95 over `runs` samples. Each sample is the best of 3 back-to-back runs of the same query: this
 * machine is shared (2 cores, other engineers' tests), and a run that loses its core mid-query
 * measures the scheduler, not the query. Peers are sampled the same way.
 */
function timeRuns(runs: number, query: (i: number) => unknown, warm = warmups): number {
  const times: number[] = [];
  for (let i = -warm; i < runs; i++) {
    let best = Infinity;
    for (let k = 0; k < 3; k++) {
      const started = performance.now();
      query(i);
      best = Math.min(best, performance.now() - started);
    }
    if (i >= 0) times.push(best);
  }
  return percentile(times, 95);
}

const like = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export const recordingsBenchmark: Benchmark = {
  name: 'recordings',
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seatdesk-bench-recordings-'));
    const { db } = openDatabase(path.join(dir, 'bench.db'));
    try {
      return measure(db);
    } finally {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};

function measure(db: Database): BenchResult[] {
  startTimes = Float64Array.from({ length: rowCount }, startTime).sort();
  let insertMs = 0;
  let insertCpuMs = 0;
  const load = os.loadavg()[0] ?? 0;
  for (let done = 0; done < rowCount; done += batch) {
    const rows = Array.from({ length: Math.min(batch, rowCount - done) }, (_, k) => row(done + k));
    const started = performance.now();
    const cpu = process.cpuUsage();
    insertRecordings(db, rows);
    const used = process.cpuUsage(cpu);
    insertCpuMs += (used.user + used.system) / 1000;
    insertMs += performance.now() - started;
  }
  // Wall-clock is the figure; CPU time says what the insert costs when it has a core to itself.
  console.log(
    `  (insert: ${round(insertMs / 1000, 1)} s wall, ${round(insertCpuMs / 1000, 1)} s CPU = ` +
      `${Math.round(rowCount / (insertCpuMs / 1000))} rows per CPU-second; load average ${round(load, 1)} on ${os.cpus().length} cores)`,
  );
  db.pragma('optimize');
  const rowsPerSecond = Math.round(rowCount / (insertMs / 1000));

  const queryRandom = rng(7);
  const agentAt = (): string => agents[Math.floor(queryRandom() * agents.length)] as string;
  const windowAt = (): { from: number; to: number } => {
    const to = endOfData - Math.floor(queryRandom() * 60) * dayMs;
    return { from: to - 30 * dayMs, to };
  };
  const digitsAt = (): string => String(Math.floor(queryRandom() * 10_000)).padStart(4, '0');

  const filter = timeRuns(queryRuns, () => searchRecordings(db, { agentId: agentAt(), ...windowAt(), limit: 50 }));
  const filterLike = db.prepare(
    `SELECT * FROM recordings NOT INDEXED WHERE agent_id LIKE ? AND started_at >= ? AND started_at < ?
     ORDER BY started_at DESC, seq DESC LIMIT 50`,
  );
  const filterPeer = timeRuns(
    peerRuns,
    () => {
      const { from, to } = windowAt();
      return filterLike.all(agentAt(), from, to);
    },
    1,
  );

  const suffix = timeRuns(queryRuns, () => searchRecordings(db, { number: digitsAt(), limit: 50 }));
  const suffixLike = db.prepare(
    `SELECT * FROM recordings WHERE ani LIKE ? ESCAPE '\\' OR dnis LIKE ? ESCAPE '\\'
     ORDER BY started_at DESC, seq DESC LIMIT 50`,
  );
  const suffixPeer = timeRuns(
    peerRuns,
    () => {
      const pattern = `%${like(digitsAt())}`;
      return suffixLike.all(pattern, pattern);
    },
    1,
  );

  const words = [rareZh, rareEn, '冒用', 'chargeback'];
  const hits = words.map((w) => searchRecordings(db, { text: w, limit: 50 }).items.length);
  const text = timeRuns(queryRuns, (i) => searchRecordings(db, { text: words[Math.abs(i) % words.length], limit: 50 }));
  const textLike = db.prepare(
    `SELECT * FROM recordings WHERE notes LIKE ? ESCAPE '\\' OR customer_name LIKE ? ESCAPE '\\'
       OR disposition LIKE ? ESCAPE '\\' ORDER BY started_at DESC, seq DESC LIMIT 50`,
  );
  const textPeer = timeRuns(
    peerRuns,
    (i) => {
      const pattern = `%${like(words[Math.abs(i) % words.length] ?? '')}%`;
      return textLike.all(pattern, pattern, pattern);
    },
    1,
  );
  console.log(`  (${rowCount} rows; text hits per query word: ${words.map((w, i) => `${w}=${hits[i]}`).join(', ')})`);

  return [
    { id: 'recordings.import_rows_per_s', value: rowsPerSecond, unit: 'rows/s', better: 'higher' },
    {
      id: 'recordings.filter_p95_ms',
      value: round(filter, 3),
      unit: 'ms',
      better: 'lower',
      peer: { name: 'LIKE scan (NOT INDEXED)', value: round(filterPeer, 1) },
    },
    {
      id: 'recordings.suffix_p95_ms',
      value: round(suffix, 3),
      unit: 'ms',
      better: 'lower',
      peer: { name: "LIKE '%digits' scan", value: round(suffixPeer, 1) },
    },
    {
      id: 'recordings.text_p95_ms',
      value: round(text, 3),
      unit: 'ms',
      better: 'lower',
      peer: { name: "LIKE '%word%' scan", value: round(textPeer, 1) },
    },
  ];
}

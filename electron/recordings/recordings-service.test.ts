import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Role } from '../../shared/domain/roles';
import { defaultFormId, defaultFormVersion } from '../../shared/recordings/default-form';
import type { ImportProgress, RecordingInput } from '../../shared/recordings/types';
import { recordingsHarness, tempDir, type Harness } from './testing/harness';
import { cdrLine, wavBytes, writeFile } from './testing/fixtures';
import { unzip } from './zip';

let dataDir: string;
let h: Harness;
let clock: number;
const cleanup: string[] = [];

const call: Harness['call'] = (method, request) => h.call(method, request);
const refused: Harness['refused'] = (method, request) => h.refused(method, request);
const as = (role: Role, displayName?: string): void => h.as(role, displayName);

beforeEach(async () => {
  dataDir = tempDir();
  clock = Date.UTC(2024, 5, 1, 8);
  h = await recordingsHarness(dataDir, () => new Date(clock));
});
afterEach(async () => {
  await h.close();
  for (const dir of [dataDir, ...cleanup.splice(0)]) fs.rmSync(dir, { recursive: true, force: true });
});

let fileCounter = 0;
/** A real WAV file under the data dir's recordings folder, described as the recorder would. */
function liveInput(dir = dataDir): RecordingInput {
  const bytes = wavBytes({ seconds: 0.5, seed: ++fileCounter });
  const file = writeFile(path.join(dir, 'recordings', 'live', `call-${fileCounter}.wav`), bytes);
  return {
    callId: `call-${fileCounter}`,
    sipCallId: `sip-${fileCounter}@pbx`,
    pbxUniqueId: null,
    pbxLinkedId: null,
    direction: 'inbound',
    ani: '+86 138 0013 8000',
    dnis: '4001',
    customerName: '王芳',
    agentId: 'Agent A',
    queueId: 'support',
    startedAt: clock - 60_000,
    answeredAt: clock - 55_000,
    endedAt: clock,
    talkSeconds: 55,
    holdSeconds: 0,
    wrapSeconds: 10,
    disposition: 'resolved',
    hangupSide: 'customer',
    tags: [],
    notes: '客户申请退款，已处理',
    interactionId: null,
    ticketId: null,
    filePath: file,
    fileFormat: 'wav',
    channels: 2,
    sampleRate: 8000,
    sizeBytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    durationSeconds: 0.5,
    recovered: false,
    source: 'live',
  };
}

async function indexLive(overrides: Partial<RecordingInput> = {}): Promise<string> {
  const { recording } = await h.service.indexRecording({ ...liveInput(), ...overrides });
  return recording.id;
}

describe('roles', () => {
  it('an agent sees only their own recordings; QA and supervisors see all', async () => {
    const mine = await indexLive({ agentId: 'Agent A' });
    const theirs = await indexLive({ agentId: 'Agent B' });
    as('agent', 'Agent A');
    expect((await call('recordings.search', {})).items.map((r) => r.id)).toEqual([mine]);
    expect((await call('recordings.search', { agentId: 'Agent B' })).items).toEqual([]);
    expect(await refused('recordings.get', { id: theirs })).toBe('not_found');
    expect((await call('recordings.get', { id: mine })).id).toBe(mine);
    for (const role of ['qa', 'qa_lead', 'supervisor'] as const) {
      as(role);
      expect((await call('recordings.search', {})).items.map((r) => r.id).sort()).toEqual([mine, theirs].sort());
    }
  });

  it('only a QA lead or a supervisor deletes or places a legal hold', async () => {
    const id = await indexLive();
    for (const role of ['agent', 'qa'] as const) {
      as(role, 'Agent A');
      expect(await refused('recordings.delete', { id })).toBe('forbidden');
      expect(await refused('recordings.setLegalHold', { id, hold: true })).toBe('forbidden');
    }
    as('qa_lead');
    expect((await call('recordings.setLegalHold', { id, hold: true, reason: 'complaint 42' })).legalHold).toBe(true);
    expect(await refused('recordings.delete', { id })).toBe('conflict');
    as('supervisor');
    await call('recordings.setLegalHold', { id, hold: false });
    await call('recordings.delete', { id });
    expect(await refused('recordings.get', { id })).toBe('not_found');
    const actions = (await call('qa.audit', { limit: 50 })).items.map((e) => `${e.action}:${e.actor}`);
    expect(actions).toEqual(['delete:supervisor', 'release:supervisor', 'hold:qa_lead']);
  });

  it('agents may not score, import, export, browse the audit log or change retention', async () => {
    const id = await indexLive();
    as('agent', 'Agent A');
    expect(await refused('qa.evaluate', { recordingId: id, formId: defaultFormId, formVersion: 1, answers: [] })).toBe(
      'forbidden',
    );
    expect(await refused('recordings.import', { dir: os.tmpdir() })).toBe('forbidden');
    expect(await refused('recordings.export', { id })).toBe('forbidden');
    expect(await refused('qa.audit', {})).toBe('forbidden');
    expect(await refused('qa.setRetention', { classes: [] })).toBe('forbidden');
    expect(await refused('qa.purge', {})).toBe('forbidden');
  });
});

const fullAnswers = [
  { questionId: 'greeting', choice: 'yes' },
  { questionId: 'verification', choice: 'partial' },
  { questionId: 'positive_wording', scale: 5 },
  { questionId: 'no_bare_refusal', choice: 'yes' },
  { questionId: 'plain_language', scale: 3 },
  { questionId: 'no_arguing', choice: 'yes' },
  { questionId: 'apology', na: true },
  { questionId: 'truthful', choice: 'yes' },
  { questionId: 'outcome', choice: 'resolved' },
  { questionId: 'closing', choice: 'yes' },
  { questionId: 'extra_mile', choice: 'no' },
  { questionId: 'privacy', choice: 'yes' },
  { questionId: 'coaching_note', text: '语气很好' },
];

describe('quality work on a recording', () => {
  it('scores with the default form; the score shows in search and the agent reads their evaluation', async () => {
    const id = await indexLive({ agentId: 'Agent A' });
    as('qa', 'Zhou QA');
    const form = await call('qa.getForm', { id: defaultFormId });
    expect(form.version).toBe(defaultFormVersion);
    const evaluation = await call('qa.evaluate', {
      recordingId: id,
      formId: form.id,
      formVersion: form.version,
      answers: fullAnswers,
    });
    // (5 + 10·0.5 + 15 + 15 + 10·0.5 + 15 + 15 + 10 + 5 + 0) / (5 + 10 + 15 + 15 + 10 + 15 + 15 + 10 + 5) = 90/100
    expect(evaluation.score).toBe(90);
    expect((await call('recordings.search', { score: { min: 85 } })).items.map((r) => r.id)).toEqual([id]);
    expect((await call('recordings.search', { scored: false })).items).toEqual([]);
    expect(
      await refused('qa.evaluate', { recordingId: id, formId: form.id, formVersion: 1, answers: fullAnswers.slice(1) }),
    ).toBe('bad_request');

    as('agent', 'Agent A');
    const own = await call('qa.listEvaluations', {});
    expect(own.items.map((e) => e.id)).toEqual([evaluation.id]);
    as('agent', 'Agent B');
    expect((await call('qa.listEvaluations', {})).items).toEqual([]);
  });

  it('keeps comments at timestamps in playback order, each with its author', async () => {
    const id = await indexLive();
    as('qa', 'Zhou QA');
    await call('qa.addComment', { recordingId: id, atMs: 9000, body: 'second' });
    await call('qa.addComment', { recordingId: id, atMs: 1200, endMs: 3400, body: '这里语速太快' });
    const comments = (await call('qa.listComments', { recordingId: id })).items;
    expect(comments.map((c) => [c.atMs, c.endMs, c.author, c.body])).toEqual([
      [1200, 3400, 'Zhou QA', '这里语速太快'],
      [9000, null, 'Zhou QA', 'second'],
    ]);
    as('qa', 'Someone else');
    expect(await refused('qa.deleteComment', { id: comments[0]?.id ?? '' })).toBe('forbidden');
  });

  it('exports a zip with the audio, metadata and evaluations, and audits play and export', async () => {
    const id = await indexLive();
    as('qa', 'Zhou QA');
    await call('recordings.play', { id });
    await call('qa.evaluate', { recordingId: id, formId: defaultFormId, formVersion: 1, answers: fullAnswers });
    const exported = await call('recordings.export', { id });
    const entries = unzip(fs.readFileSync(exported.path));
    expect(entries.map((e) => e.name)).toEqual([
      expect.stringMatching(/^audio\/call-\d+\.wav$/),
      'metadata.json',
      'evaluations.json',
      'comments.json',
    ]);
    expect(entries.every((e) => e.crcOk)).toBe(true);
    expect(JSON.parse(entries[1]?.data.toString('utf8') ?? '{}')).toMatchObject({ id, customerName: '王芳' });
    expect(JSON.parse(entries[2]?.data.toString('utf8') ?? '[]')).toEqual([expect.objectContaining({ score: 90 })]);
    as('qa_lead');
    expect((await call('qa.audit', { recordingId: id })).items.map((e) => e.action)).toEqual([
      'export',
      'score',
      'play',
    ]);
  });

  it('finds Chinese notes by a word inside them, after an annotation too', async () => {
    const id = await indexLive({ notes: '客户申请退款，已处理' });
    await indexLive({ notes: 'Customer asked about the invoice' });
    as('qa');
    expect((await call('recordings.search', { text: '退款' })).items.map((r) => r.id)).toEqual([id]);
    await call('recordings.annotate', { id, notes: '投诉：快递延误', tags: [{ key: 'topic', value: 'delivery' }] });
    expect((await call('recordings.search', { text: '退款' })).items).toEqual([]);
    expect((await call('recordings.search', { text: '延误' })).items.map((r) => r.id)).toEqual([id]);
    expect((await call('recordings.search', { text: 'delivery' })).items.map((r) => r.id)).toEqual([id]);
    expect((await call('recordings.search', { tag: { key: 'topic', value: 'delivery' } })).items).toHaveLength(1);
  });

  it('indexes a live recording once by sha256, with its paused (masked) spans and the checks from its peaks', async () => {
    const input = { ...liveInput(), masks: [{ startMs: 4000, endMs: 9000 }] };
    const peaks = { peaksPerSecond: 100, channels: [new Uint8Array(100).fill(200), new Uint8Array(100).fill(0)] };
    const first = await h.service.indexRecording(input, peaks);
    expect(first.created).toBe(true);
    expect(first.recording.masks).toEqual([{ startMs: 4000, endMs: 9000 }]);
    expect(first.recording.checks).toMatchObject({ silenceRatio: [0, 1], flags: ['silence'] });
    const again = await h.service.indexRecording(input);
    expect(again).toMatchObject({ created: false, recording: { id: first.recording.id } });
    as('qa');
    const stored = await call('recordings.peaks', { id: first.recording.id });
    expect(stored.channels.map((c) => Buffer.from(c, 'base64').length)).toEqual([100, 100]);
  });

  it('keeps saved searches per person', async () => {
    as('qa', 'Zhou QA');
    const saved = await call('qa.saveSearch', { name: 'Long silences', filters: { checks: ['long_silence'] } });
    expect((await call('qa.listSavedSearches', {})).items.map((s) => s.name)).toEqual(['Long silences']);
    as('qa', 'Other');
    expect((await call('qa.listSavedSearches', {})).items).toEqual([]);
    expect(await refused('qa.deleteSavedSearch', { id: saved.id })).toBe('not_found');
  });
});

describe('retention', () => {
  it('the purge deletes expired recordings and their files, keeps legal holds, and audits each', async () => {
    as('supervisor');
    await call('qa.setRetention', {
      classes: [
        { name: 'standard', days: 30, match: {} },
        { name: 'complaints', days: 365, match: { disposition: 'complaint' } },
      ],
    });
    const expired = await indexLive();
    const held = await indexLive();
    const complaint = await indexLive({ disposition: 'complaint' });
    await call('recordings.setLegalHold', { id: held, hold: true });
    const file = (await call('recordings.get', { id: expired })).filePath;
    expect((await call('recordings.get', { id: complaint })).retentionClass).toBe('complaints');

    clock += 31 * 86_400_000;
    expect(await call('qa.purge', {})).toEqual({ deleted: 1, filesRemoved: 1, held: 1 });
    expect(fs.existsSync(file)).toBe(false);
    expect(await refused('recordings.get', { id: expired })).toBe('not_found');
    expect((await call('recordings.get', { id: held })).legalHold).toBe(true);
    expect((await call('recordings.get', { id: complaint })).id).toBe(complaint);
    expect((await call('qa.audit', { action: 'purge' })).items).toEqual([
      expect.objectContaining({ recordingId: expired, actor: 'retention' }),
    ]);
  });

  it('runs the purge daily from a timer started in start() and cleared in close(), on the injected clock', async () => {
    const ticks: (() => void)[] = [];
    const cleared: unknown[] = [];
    const timers = {
      setInterval: (fn: () => void, ms: number) => {
        expect(ms).toBe(86_400_000);
        ticks.push(fn);
        return 'daily';
      },
      clearInterval: (handle: unknown) => void cleared.push(handle),
    };
    const ownDir = tempDir();
    cleanup.push(ownDir);
    const own = await recordingsHarness(ownDir, () => new Date(clock), timers);
    try {
      expect(ticks).toHaveLength(1);
      own.as('supervisor');
      await own.call('qa.setRetention', { classes: [{ name: 'short', days: 1, match: {} }] });
      const { recording } = await own.service.indexRecording({ ...liveInput(ownDir), startedAt: clock - 1000 });
      const removed = new Promise<string[]>((resolve) =>
        own.events.subscribe((name, payload) => {
          if (name === 'recordings.removed') resolve((payload as { ids: string[] }).ids);
        }),
      );
      clock += 2 * 86_400_000;
      ticks[0]?.();
      expect(await removed).toEqual([recording.id]);
    } finally {
      await own.close();
    }
    expect(cleared).toEqual(['daily']);
  });

  it('a policy change re-resolves the recordings already indexed', async () => {
    as('supervisor');
    const id = await indexLive({ queueId: 'vip' });
    expect((await call('recordings.get', { id })).expiresAt).toBeNull();
    const { updated } = await call('qa.setRetention', {
      classes: [{ name: 'vip', days: 90, match: { queueId: 'vip' } }],
    });
    expect(updated).toBe(1);
    const detail = await call('recordings.get', { id });
    expect(detail.retentionClass).toBe('vip');
    expect(detail.expiresAt).toBe(detail.startedAt + 90 * 86_400_000);
  });
});

describe('import of existing recordings', () => {
  const isRoot = process.getuid?.() === 0;

  function fixture(): { dir: string; cdr: string; outside: string } {
    const dir = tempDir('seatdesk-monitor-');
    const outside = tempDir('seatdesk-outside-');
    cleanup.push(dir, outside);
    const day = path.join(dir, '2024', '03', '05');
    // Agent speaks the first second, customer the next, then both together for 0.5 s (over-talk).
    const talk = (c: number, t: number): number => (c === 0 ? (t < 1 || t >= 2 ? 0.5 : 0) : t >= 1 ? 0.5 : 0);
    writeFile(
      path.join(day, 'in-4001-13800138000-20240305-140209-1709647329.42.wav'),
      wavBytes({ seconds: 2.5, level: talk }),
    );
    writeFile(path.join(day, 'q-600-13912345678-20240305-150000-1709650800.7.wav'), wavBytes({ seconds: 1, seed: 7 }));
    writeFile(
      path.join(dir, '2024', '03', '06', 'out-02155551234-1002-20240306-091500-1709716500.3.wav'),
      wavBytes({ seconds: 1, channels: 1, seed: 9 }),
    );
    writeFile(path.join(dir, 'misc', 'greeting.wav'), wavBytes({ seconds: 0.3, channels: 1, seed: 11 }));
    // The same audio twice (a copy under another name): indexed once.
    fs.copyFileSync(
      path.join(day, 'q-600-13912345678-20240305-150000-1709650800.7.wav'),
      path.join(dir, 'misc', 'copy.wav'),
    );
    writeFile(path.join(dir, 'misc', 'readme.txt'), 'not audio, not counted as a failure');
    // Bad files.
    writeFile(
      path.join(day, 'in-4001-13700000000-20240305-160000-1709654400.1.wav'),
      wavBytes({ seconds: 1 }).subarray(0, 3000),
    );
    writeFile(path.join(day, 'notes.wav'), 'this is a text file with a .wav name\n');
    fs.symlinkSync(path.join(dir, 'missing.wav'), path.join(dir, 'misc', 'dangling.wav'));
    writeFile(path.join(outside, 'secret.wav'), wavBytes({ seconds: 0.2 }));
    fs.symlinkSync(path.join(outside, 'secret.wav'), path.join(dir, 'misc', 'outside.wav'));
    writeFile(path.join(dir, 'misc', 'a\\..\\..\\evil.wav'), wavBytes({ seconds: 0.2, seed: 3 }));
    if (!isRoot) {
      writeFile(path.join(dir, 'misc', 'locked.wav'), wavBytes({ seconds: 0.2, seed: 5 }));
      fs.chmodSync(path.join(dir, 'misc', 'locked.wav'), 0o000);
    }
    const cdr = writeFile(
      path.join(outside, 'Master.csv'),
      [
        cdrLine({
          src: '13800138000',
          dst: '4001',
          dcontext: 'ext-queues',
          clid: '"Wang, Fang" <13800138000>',
          channel: 'PJSIP/trunk-00000001',
          dstchannel: 'PJSIP/1001-00000002',
          start: '2024-03-05 14:02:09',
          answer: '2024-03-05 14:02:12',
          end: '2024-03-05 14:04:40',
          duration: 151,
          billsec: 148,
          disposition: 'ANSWERED',
          uniqueid: '1709647329.42',
        }),
        cdrLine({
          src: '1002',
          dst: '02155551234',
          dcontext: 'from-internal',
          clid: '"Li Na" <1002>',
          channel: 'PJSIP/1002-00000003',
          dstchannel: 'PJSIP/trunk-00000004',
          start: '2024-03-06 09:15:00',
          answer: '2024-03-06 09:15:05',
          end: '2024-03-06 09:16:00',
          duration: 60,
          billsec: 55,
          disposition: 'ANSWERED',
          uniqueid: '1709716500.3',
        }),
        '"","","","","broken row without a unique id"',
      ].join('\n') + '\n',
    );
    return { dir, cdr, outside };
  }

  it('imports the right rows, reports each bad file with its reason, and a re-run adds nothing', async () => {
    const { dir, cdr } = fixture();
    as('qa_lead');
    const progress: ImportProgress[] = [];
    const indexed: string[] = [];
    const unsubscribe = h.events.subscribe((name, payload) => {
      if (name === 'recordings.importProgress') progress.push(payload as ImportProgress);
      if (name === 'recordings.indexed') indexed.push(...(payload as { ids: string[] }).ids);
    });
    const first = await call('recordings.import', { dir, cdr });
    unsubscribe();

    expect(first.imported).toBe(4);
    expect(indexed).toHaveLength(4);
    const reasons = Object.fromEntries(first.problems.map((p) => [p.file, p.reason]));
    expect(reasons).toEqual({
      '2024/03/05/in-4001-13700000000-20240305-160000-1709654400.1.wav': expect.stringMatching(/^truncated WAV/),
      '2024/03/05/notes.wav': 'not a WAV file (no RIFF/WAVE header)',
      'misc/dangling.wav': expect.stringMatching(/^unreadable \(ENOENT\) \(broken symlink\)/),
      'misc/outside.wav': 'symlink points outside the folder',
      'misc/a\\..\\..\\evil.wav': 'name would escape the data dir',
      ...(isRoot ? {} : { 'misc/locked.wav': 'unreadable (EACCES: permission denied)' }),
    });
    expect(first.failed).toBe(isRoot ? 5 : 6);
    expect(first.skipped).toBe(2); // the duplicate copy and readme.txt
    expect(first.cdrRows).toBe(3);
    expect(first.cdrMatched).toBe(2);
    expect(progress.at(-1)).toMatchObject({ done: progress.at(-1)?.total, imported: 4, failed: first.failed });

    const inbound = (await call('recordings.search', { number: '8000' })).items;
    expect(inbound).toHaveLength(1);
    const detail = await call('recordings.get', { id: inbound[0]?.id ?? '' });
    expect(detail).toMatchObject({
      pbxUniqueId: '1709647329.42',
      direction: 'inbound',
      ani: '13800138000',
      dnis: '4001',
      agentId: '1001',
      customerName: 'Wang, Fang',
      disposition: 'ANSWERED',
      talkSeconds: 148,
      channels: 2,
      sampleRate: 8000,
      durationSeconds: 2.5,
      startedAt: new Date(2024, 2, 5, 14, 2, 9).getTime(),
      answeredAt: new Date(2024, 2, 5, 14, 2, 12).getTime(),
      source: 'import',
    });
    expect(detail.filePath.startsWith(path.join(dataDir, 'recordings', 'imported', '2024', '03', '05'))).toBe(true);
    expect(fs.existsSync(detail.filePath)).toBe(true);
    // Agent alone for 1 s, customer alone 1 s, both for the last 0.5 s.
    expect(detail.checks?.overTalkSeconds).toBeCloseTo(0.5, 1);
    expect(detail.checks?.silenceRatio[0]).toBeCloseTo(0.4, 1);
    expect(detail.checks?.silenceRatio[1]).toBeCloseTo(0.4, 1);
    const peaks = await call('recordings.peaks', { id: detail.id });
    expect(peaks.channels).toHaveLength(2);
    expect(Buffer.from(peaks.channels[0] ?? '', 'base64').length).toBe(250);

    const outbound = (await call('recordings.search', { agentId: '1002' })).items;
    expect(outbound.map((r) => [r.direction, r.ani, r.dnis, r.pbxUniqueId])).toEqual([
      ['outbound', '1002', '02155551234', '1709716500.3'],
    ]);
    expect((await call('recordings.search', { queueId: '600' })).items.map((r) => r.dnis)).toEqual(['600']);
    const other = (await call('recordings.search', { tag: { key: 'source', value: 'file' } })).items;
    expect(other.map((r) => [r.direction, r.channels, r.durationSeconds])).toEqual([['unknown', 1, 0.3]]);

    const again = await call('recordings.import', { dir, cdr });
    expect(again.imported).toBe(0);
    expect(again.failed).toBe(first.failed);
    expect(again.skipped).toBe(first.skipped + 4);
    expect((await call('recordings.search', {})).items).toHaveLength(4);
  });

  it('refuses a folder that does not exist, a file, and the data folder itself, cleanly', async () => {
    as('qa');
    expect(await refused('recordings.import', { dir: path.join(dataDir, 'no-such-folder') })).toBe('not_found');
    const file = writeFile(path.join(dataDir, 'x.txt'), 'x');
    expect(await refused('recordings.import', { dir: file })).toBe('not_found');
    fs.mkdirSync(path.join(dataDir, 'recordings'), { recursive: true });
    expect(await refused('recordings.import', { dir: dataDir })).toBe('conflict');
    expect(await refused('recordings.import', { dir: 'relative/path' })).toBe('bad_request');
  });
});

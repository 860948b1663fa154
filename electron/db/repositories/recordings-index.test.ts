import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkFlags } from '../../../shared/recordings/checks';
import type { SearchRequest } from '../../../shared/recordings/types';
import { openDatabase } from '../open';
import { insertRecordings, searchRecordings, type IndexRow } from './recordings-index';

let dir: string;
let db: Database;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seatdesk-rec-repo-'));
  db = openDatabase(path.join(dir, 'test.db')).db;
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

let n = 0;
function row(overrides: Partial<IndexRow> = {}): IndexRow {
  n++;
  return {
    id: `rec-${String(n).padStart(5, '0')}`,
    callId: null,
    sipCallId: null,
    pbxUniqueId: null,
    pbxLinkedId: null,
    direction: 'inbound',
    ani: '13800138000',
    dnis: '4001',
    customerName: null,
    agentId: 'a1',
    queueId: 'q1',
    startedAt: 1_700_000_000_000,
    answeredAt: null,
    endedAt: null,
    talkSeconds: null,
    holdSeconds: null,
    wrapSeconds: null,
    durationSeconds: 60,
    disposition: null,
    hangupSide: null,
    tags: [],
    notes: null,
    interactionId: null,
    ticketId: null,
    filePath: `/r/${n}.wav`,
    fileFormat: 'wav',
    channels: 2,
    sampleRate: 8000,
    sizeBytes: 100,
    sha256: n.toString(16).padStart(64, '0'),
    source: 'live',
    retentionClass: null,
    expiresAt: null,
    legalHold: false,
    recovered: false,
    checks: null,
    peaks: null,
    indexedAt: 0,
    ...overrides,
  };
}

const ids = (search: Partial<SearchRequest>): string[] =>
  searchRecordings(db, { limit: 50, ...search }).items.map((r) => r.id);

describe('recordings search', () => {
  it('pages newest first by keyset with no duplicates or gaps, even across equal start times', () => {
    const rows = Array.from({ length: 103 }, (_, i) => row({ startedAt: 1_000 + Math.floor(i / 10) * 1000 }));
    insertRecordings(db, rows);
    const seen: string[] = [];
    let after: SearchRequest['after'];
    let pages = 0;
    do {
      const page = searchRecordings(db, { limit: 7, ...(after ? { after } : {}) });
      seen.push(...page.items.map((r) => r.id));
      after = page.next ?? undefined;
      pages++;
    } while (after !== undefined);
    expect(pages).toBe(15);
    expect(new Set(seen).size).toBe(103);
    expect(seen).toHaveLength(103);
    const byStart = [...rows].sort((a, b) => b.startedAt - a.startedAt || b.id.localeCompare(a.id)).map((r) => r.id);
    expect(seen).toEqual(byStart);
  });

  it('finds a number whole or by its trailing digits, on either side of the call', () => {
    const [a, b, c] = [
      row({ ani: '+86 138-0013-8000', dnis: '4001' }),
      row({ direction: 'outbound', ani: '1002', dnis: '02155558000' }),
      row({ ani: '13912345678', dnis: '4001' }),
    ];
    insertRecordings(db, [a!, b!, c!]);
    expect(ids({ number: '8000' }).sort()).toEqual([a!.id, b!.id].sort());
    expect(ids({ number: '138 0013 8000' })).toEqual([a!.id]);
    expect(ids({ number: '8613800138000', numberMatch: 'exact' })).toEqual([a!.id]);
    expect(ids({ number: '13800138000', numberMatch: 'exact' })).toEqual([]);
    expect(ids({ number: '5678' })).toEqual([c!.id]);
    expect(ids({ number: '4001' })).toHaveLength(2);
    expect(ids({ number: '9999' })).toEqual([]);
  });

  it('searches Chinese and English notes, tags, disposition and customer name', () => {
    const refund = row({ notes: '客户申请退款，已提交审核' });
    const delivery = row({ notes: '快递延误，客户很生气', tags: [{ key: 'topic', value: 'delivery' }] });
    const english = row({ notes: 'Customer asked for a chargeback', disposition: 'escalated' });
    const named = row({ customerName: '王芳' });
    insertRecordings(db, [refund, delivery, english, named]);
    expect(ids({ text: '退款' })).toEqual([refund.id]);
    expect(ids({ text: '审核' })).toEqual([refund.id]);
    expect(ids({ text: '客户' }).sort()).toEqual([refund.id, delivery.id].sort());
    expect(ids({ text: '延误 生气' })).toEqual([delivery.id]);
    expect(ids({ text: 'delivery' })).toEqual([delivery.id]);
    expect(ids({ text: 'CHARGEBACK' })).toEqual([english.id]);
    expect(ids({ text: 'escalated' })).toEqual([english.id]);
    expect(ids({ text: '王芳' })).toEqual([named.id]);
    expect(ids({ text: '退款', agentId: 'someone else' })).toEqual([]);
    expect(ids({ text: ' ,,, ' })).toHaveLength(4);
  });

  it('combines filters: agent, queue, range, direction, duration, disposition, tag, checks, hold', () => {
    const target = row({
      agentId: 'a7',
      queueId: 'vip',
      startedAt: 5_000,
      direction: 'outbound',
      durationSeconds: 300,
      disposition: 'complaint',
      tags: [{ key: 'topic', value: 'refund' }],
      checks: {
        silenceRatio: [0.7, 0.2],
        overTalkSeconds: 12,
        longestSilenceSeconds: 3,
        flags: checkFlags.silence | checkFlags.overtalk,
      },
    });
    insertRecordings(db, [
      target,
      row({ agentId: 'a7', startedAt: 9_000 }),
      row({ queueId: 'vip', durationSeconds: 5 }),
    ]);
    expect(ids({ agentId: 'a7', from: 4_000, to: 6_000 })).toEqual([target.id]);
    expect(ids({ queueId: 'vip', durationSeconds: { min: 100 } })).toEqual([target.id]);
    expect(ids({ direction: 'outbound' })).toEqual([target.id]);
    expect(ids({ disposition: 'complaint' })).toEqual([target.id]);
    expect(ids({ tag: { key: 'topic', value: 'refund' } })).toEqual([target.id]);
    expect(ids({ tag: { key: 'topic' } })).toEqual([target.id]);
    expect(ids({ checks: ['silence', 'overtalk'] })).toEqual([target.id]);
    expect(ids({ checks: ['long_silence'] })).toEqual([]);
    expect(ids({ legalHold: true })).toEqual([]);
    const found = searchRecordings(db, { limit: 5, checks: ['silence'] }).items[0];
    expect(found?.checks).toEqual({
      silenceRatio: [0.7, 0.2],
      overTalkSeconds: 12,
      longestSilenceSeconds: 3,
      flags: ['silence', 'overtalk'],
    });
  });

  it('an agent scope hides other agents whatever the filters ask', () => {
    insertRecordings(db, [row({ agentId: 'a1' }), row({ agentId: 'a2' })]);
    expect(searchRecordings(db, { limit: 50 }, { agentId: 'a1' }).items.map((r) => r.agentId)).toEqual(['a1']);
    expect(searchRecordings(db, { limit: 50, agentId: 'a2' }, { agentId: 'a1' }).items).toEqual([]);
  });

  it('bulk insert skips rows whose sha256 is already indexed', () => {
    const first = row();
    expect(insertRecordings(db, [first]).inserted).toEqual([first.id]);
    const again = insertRecordings(db, [{ ...first, id: 'other' }, row()]);
    expect(again.duplicates).toEqual([first.sha256]);
    expect(again.inserted).toHaveLength(1);
  });
});

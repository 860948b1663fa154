import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexText } from '../text/segment';
import { callerName, channelExtension, parseAsteriskName, parseCsv, readCdr } from './asterisk';
import { checkFlags, computeChecks, PeakBuilder } from './checks';
import { indexTextFast } from './fts-text';
import { looksLikeNumber, numberDigits, reversedDigits, suffixRange } from './numbers';
import { expiresAt, resolveRetention, type RetentionPolicy } from './retention';

describe('numbers for suffix search', () => {
  it('keeps the digits, folds full-width ones, and reverses them', () => {
    expect(numberDigits('+86 (138) 0013-8000')).toBe('8613800138000');
    expect(numberDigits('１３８００１３８０００')).toBe('13800138000');
    expect(reversedDigits('138-0013-8000')).toBe('00083100831');
    expect(reversedDigits('anonymous')).toBeNull();
    expect(looksLikeNumber('138 0013')).toBe(true);
    expect(looksLikeNumber('王芳')).toBe(false);
  });

  it('turns trailing digits into an index range on the reversed column', () => {
    expect(suffixRange('8000')).toEqual({ from: '0008', to: '0008\uffff' });
    expect(suffixRange('8000', true)).toEqual({ from: '0008', to: '0008' });
    const range = suffixRange('38000');
    const candidates = ['13800138000', '13900008000', '4001', '38000'].filter((n) => {
      const rev = reversedDigits(n) ?? '';
      return range !== null && rev >= range.from && rev < range.to;
    });
    expect(candidates).toEqual(['13800138000', '38000']);
  });
});

describe('retention resolution', () => {
  const policy: RetentionPolicy = {
    classes: [
      { name: 'standard', days: 180, match: {} },
      { name: 'sales', days: 90, match: { queueId: 'sales' } },
      { name: 'complaints', days: 730, match: { disposition: 'complaint' } },
      { name: 'legal', days: null, match: { tag: { key: 'case' } } },
    ],
  };
  const subject = { queueId: 'sales', direction: 'inbound', disposition: 'resolved', tags: [] };

  it('takes the longest of the matching classes', () => {
    expect(resolveRetention(policy, subject)).toEqual({ className: 'standard', days: 180 });
    expect(resolveRetention(policy, { ...subject, disposition: 'complaint' })).toEqual({
      className: 'complaints',
      days: 730,
    });
    expect(resolveRetention(policy, { ...subject, tags: [{ key: 'case', value: '2024-17' }] })).toEqual({
      className: 'legal',
      days: null,
    });
  });

  it('keeps everything when no class matches, and legal hold overrides any expiry', () => {
    expect(
      resolveRetention(
        { classes: [{ name: 'sales', days: 90, match: { queueId: 'sales' } }] },
        { ...subject, queueId: 'vip' },
      ),
    ).toEqual({
      className: null,
      days: null,
    });
    const decision = resolveRetention(policy, subject);
    expect(expiresAt(decision, 1_000, false)).toBe(1_000 + 180 * 86_400_000);
    expect(expiresAt(decision, 1_000, true)).toBeNull();
  });
});

describe('automatic checks from peaks', () => {
  it('finds per-channel silence, over-talk and the longest silence', () => {
    // 10 s at 100 peaks/s: agent talks 0–4 s and 6–8 s; customer 3–6 s; both silent 8–10 s.
    const at = (from: number, to: number) => (i: number) => (i >= from * 100 && i < to * 100 ? 120 : 1);
    const agent = Uint8Array.from({ length: 1000 }, (_, i) => Math.max(at(0, 4)(i), at(6, 8)(i)));
    const customer = Uint8Array.from({ length: 1000 }, (_, i) => at(3, 6)(i));
    const checks = computeChecks([agent, customer], 100);
    expect(checks.silenceRatio).toEqual([0.4, 0.7]);
    expect(checks.overTalkSeconds).toBe(1);
    expect(checks.longestSilenceSeconds).toBe(2);
    expect(checks.flags & checkFlags.silence).toBe(checkFlags.silence);
  });

  it('builds ~100 peaks per second per channel from samples', () => {
    const builder = new PeakBuilder(2, 8000, 100);
    for (let i = 0; i < 8000; i++) {
      builder.push(0, Math.sin(i / 10) * 0.5);
      builder.push(1, 0);
    }
    const [left, right] = builder.finish();
    expect(left?.length).toBe(100);
    expect(Math.max(...(left ?? []))).toBeGreaterThan(120);
    expect(Math.max(...(right ?? []))).toBe(0);
  });
});

describe('full-text tokens', () => {
  it('gives exactly what indexText gives, for Chinese, English, numbers and punctuation', () => {
    const samples = [
      '客户申请退款，已提交审核，订单 1234567',
      'Customer asked: refund?  ORDER #12345; don’t close 3.14',
      '王芳 VIP 投诉：快递延误！已安抚。',
      'e.g. café ＣＡＦＥ 中华人民共和国',
      // Found by the property below: digits or letters around , ; : stay one word.
      'Ab3;12345',
      '1,000 a:b 1，2 3；4 x：y',
    ];
    for (const text of samples) expect(indexTextFast(text)).toBe(indexText(text));
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom(
            '退款',
            '客户',
            'refund',
            '12345',
            '，',
            '。',
            ' ',
            '、',
            'Ab3',
            '!',
            '?',
            ';',
            ':',
            'x.y',
            '中华人民',
            '\n',
          ),
          {
            maxLength: 20,
          },
        ),
        (parts) => {
          const text = parts.join('');
          expect(indexTextFast(text)).toBe(indexText(text));
        },
      ),
    );
  });
});

describe('Asterisk conventions', () => {
  it('reads FreePBX recording names', () => {
    expect(parseAsteriskName('in-4001-13800138000-20240305-140209-1709647329.42.wav')).toEqual({
      type: 'in',
      to: '4001',
      from: '13800138000',
      startedAt: new Date(2024, 2, 5, 14, 2, 9).getTime(),
      uniqueId: '1709647329.42',
      extension: 'wav',
    });
    expect(parseAsteriskName('q-600-13912345678-20240305-150000-1709650800.7.gsm')?.type).toBe('q');
    expect(parseAsteriskName('in-4001-1-20241399-140209-1.2.wav')).toBeNull();
    expect(parseAsteriskName('greeting.wav')).toBeNull();
  });

  it('parses quoted CSV with commas, doubled quotes and line breaks inside fields', () => {
    expect(parseCsv('a,"b, c","say ""hi""","two\nlines"\r\n1,2,3,4\n')).toEqual([
      ['a', 'b, c', 'say "hi"', 'two\nlines'],
      ['1', '2', '3', '4'],
    ]);
  });

  it('reads a CDR with or without a header row, by unique id and by recording file', () => {
    const positional = readCdr(
      '"","13800138000","4001","ext-queues","""Wang, Fang"" <13800138000>","PJSIP/t-1","PJSIP/1001-2","Dial","","2024-03-05 14:02:09","2024-03-05 14:02:12","2024-03-05 14:04:40",151,148,"ANSWERED","DOCUMENTATION","1709647329.42","in-x.wav"\n',
    );
    const record = positional.byUniqueId.get('1709647329.42');
    expect(record).toMatchObject({
      src: '13800138000',
      billsec: 148,
      disposition: 'ANSWERED',
      recordingFile: 'in-x.wav',
    });
    expect(record && callerName(record.clid)).toBe('Wang, Fang');
    expect(record && channelExtension(record.dstChannel)).toBe('1001');
    const headed = readCdr(
      'uniqueid,src,dst,start,answer,end,duration,billsec,disposition,recordingfile\n1.1,100,200,2024-01-01 10:00:00,,2024-01-01 10:00:30,30,0,NO ANSWER,out-200-100-20240101-100000-1.1.wav\n',
    );
    expect(headed.byFile.get('out-200-100-20240101-100000-1.1.wav')).toMatchObject({ uniqueId: '1.1', answer: null });
  });
});

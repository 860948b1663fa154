import { describe, expect, it } from 'vitest';
import { highlight, highlightParts, snippet } from './snippet';

const marked = (value: { text: string; highlights: [number, number][] }): string[] =>
  value.highlights.map(([a, b]) => value.text.slice(a, b));

describe('highlights', () => {
  it('marks Traditional text for a Simplified query word and the reverse', () => {
    expect(marked(highlight('如何索取發票（電子發票）', ['发票']))).toEqual(['發票', '發票']);
    expect(marked(highlight('账号被锁定', ['账号']))).toEqual(['账号']);
  });

  it('marks whole Latin words from a prefix or a stem, case and accents folded', () => {
    expect(marked(highlight('Refunds and REFUNDING café', ['refu', 'cafe']))).toEqual(['Refunds', 'REFUNDING', 'café']);
    expect(marked(highlight('prefund', ['refund']))).toEqual([]);
    expect(marked(highlight('Delivered late', ['delivery']))).toEqual(['Delivered']);
  });

  it('marks the pairs of a long Chinese word that is not there whole', () => {
    expect(marked(highlight('请在退款前确认申请', ['退款申请']))).toEqual(['退款', '申请']);
  });
});

describe('snippets', () => {
  const body =
    'Opening words about the company history that go on for a while and say nothing useful. '.repeat(4) +
    'To get an invoice, open My orders and select Invoice. Company invoices need a VAT number. ' +
    'Closing words about something else entirely, repeated to make the text long. '.repeat(4);

  it('shows the passage with the most distinct query words, cut with ellipses', () => {
    const result = snippet(body, ['invoice', 'vat'], 120);
    expect(result.text.startsWith('…')).toBe(true);
    expect(result.text.endsWith('…')).toBe(true);
    expect(result.text.length).toBeLessThanOrEqual(122);
    expect(marked(result).map((m) => m.toLowerCase())).toEqual(expect.arrayContaining(['invoice', 'vat']));
  });

  it('starts from the beginning when nothing matches, and keeps short texts whole', () => {
    expect(snippet(body, ['zebra'], 50).text.startsWith('Opening words')).toBe(true);
    expect(snippet('Short\ntext', ['text'])).toEqual({ text: 'Short text', highlights: [[6, 10]] });
  });

  it('splits into parts a renderer shows as text and <mark>', () => {
    expect(
      highlightParts({
        text: 'abcdef',
        highlights: [
          [1, 3],
          [2, 4],
        ],
      }),
    ).toEqual([
      { text: 'a', marked: false },
      { text: 'bcd', marked: true },
      { text: 'ef', marked: false },
    ]);
  });
});

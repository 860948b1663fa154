import { describe, expect, it } from 'vitest';
import { defaultForm } from './default-form';
import { formDefinitionSchema, missingTranslations, scoreForm, type FormDefinition } from './scorecard';

const t = (en: string) => ({ en });

/** Two standard sections (weights 10+30 and 60), a bonus section and a form-level auto-fail section. */
const form: FormDefinition = formDefinitionSchema.parse({
  name: t('Test form'),
  sections: [
    {
      id: 'a',
      kind: 'standard',
      title: t('A'),
      questions: [
        { id: 'q1', type: 'yes_no', weight: 10, text: t('q1') },
        { id: 'q2', type: 'yes_partial_no', weight: 30, allowNa: true, text: t('q2') },
      ],
    },
    {
      id: 'b',
      kind: 'standard',
      title: t('B'),
      questions: [
        { id: 'q3', type: 'scale_1_5', weight: 60, text: t('q3') },
        {
          id: 'q4',
          type: 'select',
          weight: 0,
          text: t('q4'),
          options: [
            { id: 'good', score: 1, label: t('good') },
            { id: 'bad', score: 0, label: t('bad') },
          ],
        },
        { id: 'note', type: 'text', weight: 50, text: t('note') },
      ],
    },
    {
      id: 'extra',
      kind: 'bonus',
      title: t('Bonus'),
      questions: [{ id: 'b1', type: 'yes_no', weight: 10, allowNa: true, text: t('b1') }],
    },
    {
      id: 'crit',
      kind: 'auto_fail',
      autoFailScope: 'form',
      title: t('Critical'),
      questions: [{ id: 'privacy', type: 'yes_no', weight: 0, text: t('privacy') }],
    },
  ],
});

const base = [
  { questionId: 'q1', choice: 'yes' },
  { questionId: 'q2', choice: 'partial' },
  { questionId: 'q3', scale: 4 },
  { questionId: 'q4', choice: 'good' },
  { questionId: 'b1', choice: 'no' },
  { questionId: 'privacy', choice: 'yes' },
];

describe('scorecard math', () => {
  it('weights each answer: Σ weight·score / Σ weight over the answered questions', () => {
    // (10·1 + 30·0.5 + 60·0.75 + 0·1) / (10 + 30 + 60 + 0) = 70 / 100; text is never scored.
    const result = scoreForm(form, [...base, { questionId: 'note', text: 'fine' }]);
    expect(result.score).toBe(70);
    expect(result.sections.map((s) => [s.id, s.points, s.possible, s.score])).toEqual([
      ['a', 25, 40, 62.5],
      ['b', 45, 60, 75],
      ['extra', 0, 10, 0],
      ['crit', 0, 0, null],
    ]);
    expect(result.missing).toEqual([]);
    expect(result.autoFail).toBeNull();
  });

  it('leaves N/A out of both sums, and refuses N/A where the question does not allow it', () => {
    const result = scoreForm(
      form,
      base.map((a) => (a.questionId === 'q2' ? { questionId: 'q2', na: true } : a)),
    );
    // (10 + 45) / (10 + 60) = 78.57 %
    expect(result.score).toBe(78.57);
    const refused = scoreForm(
      form,
      base.map((a) => (a.questionId === 'q1' ? { questionId: 'q1', na: true } : a)),
    );
    expect(refused.invalid).toEqual([{ questionId: 'q1', reason: 'N/A is not allowed for this question' }]);
  });

  it('lets bonus points lift the score above 100 %', () => {
    const perfect = [
      { questionId: 'q1', choice: 'yes' },
      { questionId: 'q2', choice: 'yes' },
      { questionId: 'q3', scale: 5 },
      { questionId: 'q4', choice: 'good' },
      { questionId: 'b1', choice: 'yes' },
      { questionId: 'privacy', choice: 'yes' },
    ];
    const result = scoreForm(form, perfect);
    expect(result.score).toBe(110);
    expect(result.bonusPoints).toBe(10);
  });

  it('an auto-fail answer zeroes the whole form', () => {
    const result = scoreForm(
      form,
      base.map((a) => (a.questionId === 'privacy' ? { questionId: 'privacy', choice: 'no' } : a)),
    );
    expect(result.score).toBe(0);
    expect(result.autoFail).toBe('form');
  });

  it('a section-scoped auto-fail zeroes only its own section', () => {
    const sectionScoped: FormDefinition = {
      ...form,
      sections: form.sections.map((s) =>
        s.id === 'crit' ? { ...s, autoFailScope: 'section', questions: [{ ...s.questions[0]!, weight: 20 }] } : s,
      ),
    };
    const pass = scoreForm(sectionScoped, base);
    // (25 + 45 + 20) / (40 + 60 + 20)
    expect(pass.score).toBe(75);
    const failed = scoreForm(
      sectionScoped,
      base.map((a) => (a.questionId === 'privacy' ? { questionId: 'privacy', choice: 'no' } : a)),
    );
    // The section's 20 points are gone, its weight stays: (25 + 45 + 0) / 120
    expect(failed.score).toBe(58.33);
    expect(failed.autoFail).toBe('section');
    expect(failed.sections.find((s) => s.id === 'crit')).toMatchObject({ points: 0, autoFailed: true });
  });

  it('names unanswered questions and answers that do not fit', () => {
    const result = scoreForm(form, [
      { questionId: 'q1', choice: 'maybe' },
      { questionId: 'q4', choice: 'unknown' },
      { questionId: 'ghost', choice: 'yes' },
    ]);
    expect(result.missing).toEqual(['q2', 'q3', 'b1', 'privacy']);
    expect(result.invalid.map((i) => i.questionId).sort()).toEqual(['ghost', 'q1', 'q4']);
    expect(result.score).toBeNull(); // every answer was refused: nothing weighted was answered
  });

  it('answers null when no weighted question was answered', () => {
    expect(scoreForm(form, []).score).toBeNull();
  });
});

describe('the default form', () => {
  it('is a valid form with every text in en, zh-CN and zh-TW', () => {
    expect(formDefinitionSchema.safeParse(defaultForm).success).toBe(true);
    expect(missingTranslations(defaultForm)).toEqual([]);
  });

  it('covers the 质检 criteria and auto-fails on privacy', () => {
    const ids = defaultForm.sections.flatMap((s) => s.questions.map((q) => q.id));
    expect(ids).toEqual(
      expect.arrayContaining([
        'positive_wording',
        'no_bare_refusal',
        'no_arguing',
        'plain_language',
        'apology',
        'truthful',
        'privacy',
      ]),
    );
    const critical = defaultForm.sections.find((s) => s.kind === 'auto_fail');
    expect(critical?.questions.map((q) => q.id)).toEqual(['privacy']);
    expect(JSON.stringify(defaultForm)).toContain('不能 / 不会 / 不可以 / 不知道');
  });
});

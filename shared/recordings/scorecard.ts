import { z } from 'zod';
import { supportedLocales, type Locale } from '../i18n/locales';

/**
 * Scorecards (评分表): versioned forms of sections and questions, and the score of an evaluation.
 *
 * Score = Σ weight·score / Σ weight over the answered questions of the standard and auto-fail
 * sections, as a percentage. Each answer scores 0…1 (yes 1, partial 0.5, no 0; 1–5 maps to
 * 0, 0.25 … 1; a select option carries its own score; text is never scored). N/A leaves a
 * question out of both sums. Bonus sections add their points to the numerator only, so they can
 * lift a form above 100 %. An auto-fail section zeroes its own points (scope "section") or the
 * whole form (scope "form") when any of its answers fails (scores below its pass mark).
 */

/** A text in every shipped locale; forms carry their texts as data, not as locale keys. */
export const localizedTextSchema = z.strictObject({
  en: z.string().min(1).max(2000),
  'zh-CN': z.string().min(1).max(2000).optional(),
  'zh-TW': z.string().min(1).max(2000).optional(),
});
export type LocalizedText = z.infer<typeof localizedTextSchema>;

/** The text in `locale`, else English (a custom form may be written in one language). */
export function localized(text: LocalizedText, locale: Locale): string {
  return text[locale] ?? text.en;
}

export const questionTypes = ['yes_no', 'yes_partial_no', 'scale_1_5', 'select', 'text'] as const;
export type QuestionType = (typeof questionTypes)[number];

const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9_.-]+$/i, 'letters, digits, _ . -');

export const selectOptionSchema = z.strictObject({
  id,
  label: localizedTextSchema,
  /** 0 (worst) … 1 (best). */
  score: z.number().min(0).max(1),
});

export const questionSchema = z.strictObject({
  id,
  type: z.enum(questionTypes),
  text: localizedTextSchema,
  /** Guidance for the evaluator (what counts as yes). */
  help: localizedTextSchema.optional(),
  /** 0…100; 0 records the answer without scoring it. Text questions are never scored. */
  weight: z.number().int().min(0).max(100),
  allowNa: z.boolean().default(false),
  /** Only for `select`. */
  options: z.array(selectOptionSchema).min(2).max(20).optional(),
  /** Auto-fail sections: an answer scoring below this fails (default 0.5: "no", 1 or 2 on the scale). */
  passMark: z.number().min(0).max(1).optional(),
});
export type Question = z.infer<typeof questionSchema>;

export const sectionKinds = ['standard', 'bonus', 'auto_fail'] as const;
export type SectionKind = (typeof sectionKinds)[number];

export const sectionSchema = z.strictObject({
  id,
  kind: z.enum(sectionKinds),
  title: localizedTextSchema,
  /** Auto-fail sections: what a failing answer zeroes. */
  autoFailScope: z.enum(['section', 'form']).optional(),
  questions: z.array(questionSchema).min(1).max(100),
});
export type Section = z.infer<typeof sectionSchema>;

export const formDefinitionSchema = z
  .strictObject({
    name: localizedTextSchema,
    description: localizedTextSchema.optional(),
    sections: z.array(sectionSchema).min(1).max(30),
  })
  .superRefine((form, ctx) => {
    const seen = new Set<string>();
    form.sections.forEach((section, s) => {
      section.questions.forEach((question, q) => {
        const path = ['sections', s, 'questions', q];
        if (seen.has(question.id))
          ctx.addIssue({ code: 'custom', path, message: `duplicate question id ${question.id}` });
        seen.add(question.id);
        if (question.type === 'select' && !question.options) {
          ctx.addIssue({ code: 'custom', path, message: 'a select question needs options' });
        }
        if (question.type !== 'select' && question.options) {
          ctx.addIssue({ code: 'custom', path, message: 'only select questions have options' });
        }
      });
    });
  });
export type FormDefinition = z.infer<typeof formDefinitionSchema>;

export const yesPartialNo = ['yes', 'partial', 'no'] as const;

export const clipSchema = z
  .strictObject({ startMs: z.number().int().min(0), endMs: z.number().int().min(0) })
  .refine((clip) => clip.endMs >= clip.startMs, 'a clip ends after it starts');

/**
 * One answer. `choice` answers yes/no ('yes' | 'no'), yes/partial/no and select (an option id);
 * `scale` answers 1–5; `text` answers text questions. `na` marks N/A where the question allows it.
 * Every answer may carry a note and a clip of the recording as evidence.
 */
export const answerSchema = z.strictObject({
  questionId: id,
  na: z.boolean().optional(),
  choice: z.string().min(1).max(64).optional(),
  scale: z.number().int().min(1).max(5).optional(),
  text: z.string().max(4000).optional(),
  note: z.string().max(4000).optional(),
  clip: clipSchema.optional(),
});
export type Answer = z.infer<typeof answerSchema>;

export interface SectionResult {
  readonly id: string;
  readonly kind: SectionKind;
  /** Σ weight·score of the answered questions (after auto-fail). */
  readonly points: number;
  /** Σ weight of the answered questions. */
  readonly possible: number;
  /** points / possible in percent; null when nothing in it was answered or it carries no weight. */
  readonly score: number | null;
  readonly autoFailed: boolean;
}

export interface ScoreResult {
  /** Percent; may exceed 100 with bonus points; null when no weighted question was answered. */
  readonly score: number | null;
  readonly points: number;
  readonly possible: number;
  readonly bonusPoints: number;
  /** 'form' when an auto-fail answer zeroed the whole form, 'section' when only sections were zeroed. */
  readonly autoFail: 'form' | 'section' | null;
  readonly sections: readonly SectionResult[];
  /** Questions without an answer (text questions never count as missing). */
  readonly missing: readonly string[];
  /** Answers that do not fit their question (wrong kind, N/A not allowed, unknown option, unknown question). */
  readonly invalid: readonly { readonly questionId: string; readonly reason: string }[];
}

/** An answer's score 0…1, 'na', or an error message; undefined when unanswered. */
function answerValue(question: Question, answer: Answer | undefined): number | 'na' | 'text' | undefined | string {
  if (answer === undefined) return undefined;
  if (answer.na) return question.allowNa ? 'na' : 'N/A is not allowed for this question';
  switch (question.type) {
    case 'yes_no':
      if (answer.choice === 'yes') return 1;
      if (answer.choice === 'no') return 0;
      return answer.choice === undefined ? undefined : `expected yes or no, got ${answer.choice}`;
    case 'yes_partial_no':
      if (answer.choice === 'yes') return 1;
      if (answer.choice === 'partial') return 0.5;
      if (answer.choice === 'no') return 0;
      return answer.choice === undefined ? undefined : `expected yes, partial or no, got ${answer.choice}`;
    case 'scale_1_5':
      return answer.scale === undefined ? undefined : (answer.scale - 1) / 4;
    case 'select': {
      if (answer.choice === undefined) return undefined;
      const option = question.options?.find((o) => o.id === answer.choice);
      return option ? option.score : `unknown option ${answer.choice}`;
    }
    case 'text':
      return 'text';
    default:
      return assertNever(question.type);
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected ${String(value)}`);
}

const round2 = (value: number): number => Math.round(value * 100) / 100;

/** Scores answers against a form definition. Pure: the same answers always give the same score. */
export function scoreForm(form: FormDefinition, answers: readonly Answer[]): ScoreResult {
  const byQuestion = new Map(answers.map((a) => [a.questionId, a]));
  const known = new Set(form.sections.flatMap((s) => s.questions.map((q) => q.id)));
  const invalid: { questionId: string; reason: string }[] = answers
    .filter((a) => !known.has(a.questionId))
    .map((a) => ({ questionId: a.questionId, reason: 'no such question in this form version' }));
  const missing: string[] = [];
  const sections: SectionResult[] = [];
  let points = 0;
  let possible = 0;
  let bonusPoints = 0;
  let formFailed = false;
  let sectionFailed = false;

  for (const section of form.sections) {
    let sectionPoints = 0;
    let sectionPossible = 0;
    let failed = false;
    for (const question of section.questions) {
      const value = answerValue(question, byQuestion.get(question.id));
      if (value === undefined) {
        if (question.type !== 'text') missing.push(question.id);
        continue;
      }
      if (typeof value === 'string') {
        if (value !== 'na' && value !== 'text') invalid.push({ questionId: question.id, reason: value });
        continue;
      }
      sectionPoints += question.weight * value;
      sectionPossible += question.weight;
      if (section.kind === 'auto_fail' && value < (question.passMark ?? 0.5)) failed = true;
    }
    if (failed) {
      if ((section.autoFailScope ?? 'form') === 'form') formFailed = true;
      else sectionFailed = true;
      sectionPoints = 0;
    }
    if (section.kind === 'bonus') bonusPoints += sectionPoints;
    else {
      points += sectionPoints;
      possible += sectionPossible;
    }
    sections.push({
      id: section.id,
      kind: section.kind,
      points: round2(sectionPoints),
      possible: sectionPossible,
      score: sectionPossible > 0 ? round2((100 * sectionPoints) / sectionPossible) : null,
      autoFailed: failed,
    });
  }

  let score: number | null = possible > 0 ? round2((100 * (points + bonusPoints)) / possible) : null;
  if (formFailed) score = 0;
  return {
    score,
    points: round2(points),
    possible,
    bonusPoints: round2(bonusPoints),
    autoFail: formFailed ? 'form' : sectionFailed ? 'section' : null,
    sections,
    missing,
    invalid,
  };
}

/** Every shipped locale has a text for each string of the form (the default form must). */
export function missingTranslations(form: FormDefinition): string[] {
  const out: string[] = [];
  const check = (text: LocalizedText | undefined, where: string): void => {
    if (!text) return;
    for (const locale of supportedLocales) if (!text[locale]) out.push(`${where} (${locale})`);
  };
  check(form.name, 'name');
  check(form.description, 'description');
  for (const section of form.sections) {
    check(section.title, section.id);
    for (const question of section.questions) {
      check(question.text, question.id);
      check(question.help, `${question.id}.help`);
      for (const option of question.options ?? []) check(option.label, `${question.id}.${option.id}`);
    }
  }
  return out;
}

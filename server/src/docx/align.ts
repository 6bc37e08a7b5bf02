/**
 * Alignment of two sequences (`diff`'s diffArrays) as index pairs, and word-level diffs of formatted runs:
 * what the redline is made of.
 */
import { diffArrays } from 'diff';
import { sameFormat } from './markdown.js';
import type { BreakRun, Change, Inline, TextRun } from './model.js';

export type Step<T> = { kind: 'same'; old: T; new: T } | { kind: 'old'; old: T } | { kind: 'new'; new: T };

/** Longest common subsequence of `olds` and `news` under `same`, as steps in order (removed before added). */
export function align<T>(olds: T[], news: T[], same: (a: T, b: T) => boolean): Step<T>[] {
  const steps: Step<T>[] = [];
  let i = 0;
  let j = 0;
  for (const part of diffArrays(olds, news, { comparator: same })) {
    const n = part.count ?? part.value.length;
    for (let k = 0; k < n; k++) {
      if (part.removed) steps.push({ kind: 'old', old: olds[i++]! });
      else if (part.added) steps.push({ kind: 'new', new: news[j++]! });
      else steps.push({ kind: 'same', old: olds[i++]!, new: news[j++]! });
    }
  }
  return steps;
}

/**
 * Within each run of unmatched steps, pairs old and new items that `pairable` accepts, in order (a second,
 * looser alignment), then what is left with each of `looser` in turn; the pairs become `same` steps, the rest
 * stay unmatched with deletions first.
 */
export function pairGaps<T>(steps: Step<T>[], pairable: (a: T, b: T) => boolean, ...looser: ((a: T, b: T) => boolean)[]): Step<T>[] {
  const out: Step<T>[] = [];
  let olds: T[] = [];
  let news: T[] = [];
  const flush = () => {
    if (olds.length && news.length) {
      const steps = align(olds, news, pairable);
      out.push(...(looser.length ? pairGaps(steps, looser[0]!, ...looser.slice(1)) : steps));
    } else for (const o of olds) out.push({ kind: 'old', old: o });
    if (!(olds.length && news.length)) for (const n of news) out.push({ kind: 'new', new: n });
    olds = [];
    news = [];
  };
  for (const s of steps) {
    if (s.kind === 'old') olds.push(s.old);
    else if (s.kind === 'new') news.push(s.new);
    else {
      flush();
      out.push(s);
    }
  }
  flush();
  return out;
}

type Token = (TextRun | BreakRun) & { text?: string };

const WORD = /[\p{L}\p{N}]+(?:[-'’.,/][\p{L}\p{N}]+)*|\s+|[^\s\p{L}\p{N}]/gu;

function tokens(runs: Inline[]): Token[] {
  const out: Token[] = [];
  for (const r of runs) {
    if (r.type === 'break') out.push({ type: 'break' });
    else if (r.type === 'text') for (const m of r.text.matchAll(WORD)) out.push({ ...r, text: m[0], change: undefined });
  }
  return out;
}

const sameToken = (a: Token, b: Token) => a.type === b.type && (a.type === 'break' || (a.text === b.text && sameFormat(a as TextRun, b as TextRun)));

const isSpace = (t: Token) => t.type === 'text' && /^\s+$/.test(t.text!);

/** Every run marked as inserted or deleted. */
export function marked(runs: Inline[], change: Change): Inline[] {
  return runs.filter((r) => r.type !== 'commentStart' && r.type !== 'commentEnd').map((r) => ({ ...r, change }) as Inline);
}

/**
 * Word-level changes from `olds` to `news`: words deleted and inserted, each changed stretch shown as its
 * old words then its new ones; a lone space between two changes belongs to the change. Accepting every
 * change gives `news`' text, rejecting every change gives `olds`'.
 */
export function diffRuns(olds: Inline[], news: Inline[]): Inline[] {
  const a = tokens(olds);
  const b = tokens(news);
  const steps = align(a, b, sameToken);
  // A space kept between two changes is shown as changed too, so the stretch reads as one replacement.
  for (let k = 1; k + 1 < steps.length; k++) {
    const s = steps[k]!;
    if (s.kind !== 'same' || !isSpace(s.new)) continue;
    const before = steps[k - 1]!.kind !== 'same';
    const after = steps[k + 1]!.kind !== 'same';
    if (before && after) steps.splice(k, 1, { kind: 'old', old: s.old }, { kind: 'new', new: s.new });
  }
  const out: Token[] = [];
  let dels: Token[] = [];
  let inss: Token[] = [];
  const flush = () => {
    out.push(...dels.map((t) => ({ ...t, change: 'del' as const })), ...inss.map((t) => ({ ...t, change: 'ins' as const })));
    dels = [];
    inss = [];
  };
  for (const s of steps) {
    if (s.kind === 'old') dels.push(s.old);
    else if (s.kind === 'new') inss.push(s.new);
    else {
      flush();
      out.push(s.new);
    }
  }
  flush();
  return merge(out);
}

function merge(tokens: Token[]): Inline[] {
  const out: Inline[] = [];
  for (const t of tokens) {
    const prev = out[out.length - 1];
    if (t.type === 'text' && prev?.type === 'text' && sameFormat(prev, t as TextRun)) prev.text += t.text!;
    else out.push(t.type === 'break' ? { type: 'break', ...(t.change ? { change: t.change } : {}) } : ({ ...t } as TextRun));
  }
  for (const r of out) if (r.type === 'text' && r.change === undefined) delete r.change;
  return out;
}

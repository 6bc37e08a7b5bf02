/**
 * Date phrases in requirement text, read into ISO dates:
 * - `by|before|no later than` + `D Month YYYY` → that day; + `Month YYYY` → the month's last day;
 * - `from|starting|with effect from|on|in` + `D Month YYYY` → that day; + `Month YYYY` → the first day;
 * - `during|in|by the end of` + `YYYY/YY` (a financial year) → 31 March of the later year;
 * - `by the end of Month YYYY` → the month's last day;
 * - a bare `D Month YYYY` or ISO `YYYY-MM-DD` → that day.
 * Ordinals (`1st`), month abbreviations (`Sept`, `Dec.`) and any case are read; an impossible date
 * (`31 June 2020`, `2021/23`) is not a date, and the search goes on after it.
 */
import { daysInMonth, formatIsoDate, parseIsoDate } from '../core/dates.js';

export interface DatePhrase {
  /** The date as `YYYY-MM-DD`. */
  iso: string;
  /** The phrase as written, whitespace collapsed. */
  phrase: string;
  index: number;
}

const MONTHS: [RegExp, number][] = [
  [/^jan(uary)?\.?$/i, 1],
  [/^feb(ruary)?\.?$/i, 2],
  [/^mar(ch)?\.?$/i, 3],
  [/^apr(il)?\.?$/i, 4],
  [/^may$/i, 5],
  [/^june?\.?$/i, 6],
  [/^july?\.?$/i, 7],
  [/^aug(ust)?\.?$/i, 8],
  [/^sep(t|tember)?\.?$/i, 9],
  [/^oct(ober)?\.?$/i, 10],
  [/^nov(ember)?\.?$/i, 11],
  [/^dec(ember)?\.?$/i, 12],
];

/** Month names and abbreviations, longest first so the alternation takes the whole word. */
export const MONTH = String.raw`(?:january|february|march|april|may|june|july|august|september|october|november|december|sept|jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec)(?![a-z])\.?`;
const DAY = String.raw`\d{1,2}(?:st|nd|rd|th)?`;
const S = String.raw`\s+`;
const LEAD = ['by the end of', 'no later than', 'with effect from', 'before', 'by', 'from', 'starting', 'on', 'during', 'in']
  .map((w) => w.replace(/ /g, S))
  .join('|');

/** An optional lead word, then one date form; which combinations are dates is decided in `read`. */
const PHRASE = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:(?<lead>${LEAD})${S})?(?:` +
    String.raw`(?<day>${DAY})${S}(?<month>${MONTH})${S}(?<year>\d{4})` +
    String.raw`|(?<month2>${MONTH})${S}(?<year2>\d{4})` +
    String.raw`|(?<fy1>\d{4})\/(?<fy2>\d{2})` +
    String.raw`|(?<iso>\d{4}-\d{2}-\d{2})` +
    String.raw`)(?![\p{N}]|-\d)`,
  'giu',
);

export function monthNumber(name: string): number | undefined {
  return MONTHS.find(([re]) => re.test(name))?.[1];
}

function iso(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return formatIsoDate({ year, month, day, dayNumber: 0 });
}

type Lead = 'end-of' | 'by' | 'from' | 'in' | 'during' | 'none';

function leadOf(text: string | undefined): Lead {
  const w = (text ?? '').toLowerCase().replace(/\s+/g, ' ');
  if (!w) return 'none';
  if (w === 'by the end of') return 'end-of';
  if (w === 'by' || w === 'before' || w === 'no later than') return 'by';
  if (w === 'in') return 'in';
  if (w === 'during') return 'during';
  return 'from';
}

/** The date a match stands for under the grammar, or undefined when the combination is not a date. */
function read(g: Record<string, string | undefined>, lead: Lead): string | undefined {
  if (g.iso) return parseIsoDate(g.iso) ? g.iso : undefined;
  if (g.day && g.month && g.year) return iso(Number(g.year), monthNumber(g.month) ?? 0, Number.parseInt(g.day, 10));
  if (g.month2 && g.year2) {
    const year = Number(g.year2);
    const month = monthNumber(g.month2) ?? 0;
    if (!month || lead === 'none' || lead === 'during') return undefined;
    return lead === 'from' || lead === 'in' ? iso(year, month, 1) : iso(year, month, daysInMonth(year, month));
  }
  if (g.fy1 && g.fy2 && (lead === 'in' || lead === 'during' || lead === 'end-of')) {
    const start = Number(g.fy1);
    return (start + 1) % 100 === Number(g.fy2) ? iso(start + 1, 3, 31) : undefined;
  }
  return undefined;
}

/** The first date phrase in a text, or undefined. */
export function findDatePhrase(text: string): DatePhrase | undefined {
  const re = new RegExp(PHRASE.source, PHRASE.flags);
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const g = m.groups ?? {};
    const date = read(g, leadOf(g.lead));
    if (date) return { iso: date, phrase: m[0].replace(/\s+/g, ' '), index: m.index };
    re.lastIndex = m.index + 1;
  }
  return undefined;
}

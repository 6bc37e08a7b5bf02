/** ISO calendar dates (`YYYY-MM-DD`) as whole days; no time zones are involved anywhere. */

export interface IsoDate {
  year: number;
  month: number;
  day: number;
  /** Days since 1970-01-01. */
  dayNumber: number;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Specs repeat a handful of dates hundreds of times: parse each text once (results are frozen). */
const memo = new Map<string, IsoDate | null>();

/** Parses a real calendar date in `YYYY-MM-DD` form; `2020-02-30` and `2020-13-01` are rejected. */
export function parseIsoDate(text: string): IsoDate | undefined {
  let hit = memo.get(text);
  if (hit === undefined) {
    hit = parse(text) ?? null;
    if (memo.size > 10_000) memo.clear();
    memo.set(text, hit);
  }
  return hit ?? undefined;
}

function parse(text: string): IsoDate | undefined {
  const m = ISO.exec(text.trim());
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return undefined;
  if (day > daysInMonth(year, month)) return undefined;
  return Object.freeze({ year, month, day, dayNumber: Date.UTC(year, month - 1, day) / 86_400_000 });
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : DAYS[month - 1]!;
}

/** Whether the text has the ISO shape, even if the date is impossible (used to word messages). */
export function looksIso(text: string): boolean {
  return ISO.test(text.trim());
}

/** Days from `a` to `b` (positive when `b` is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return b.dayNumber - a.dayNumber;
}

export function formatIsoDate(d: IsoDate): string {
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

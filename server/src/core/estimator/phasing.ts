/**
 * Workload over time: `from` / `until` place an activity in time (they never change the annual figures).
 * Costs are spread evenly over the days an activity runs; a one-off (`every: once`) falls in the quarter
 * it starts. Periods are NHS financial years (1 April – 31 March) and their quarters: 2020/21 Q1 is
 * April–June 2020.
 */
import { parseIsoDate, type IsoDate } from '../dates.js';
import type { ActivityCost } from './estimate.js';

export interface Period {
  /** `2020/21 Q1` or `2020/21`. */
  label: string;
  start: string;
  end: string;
  costPerPcn: number;
  costPerPractice: number;
  costNational: number;
  hoursPerPcn: number;
}

const DAY = 86_400_000;

function day(y: number, m: number, d: number): number {
  return Date.UTC(y, m - 1, d) / DAY;
}

function iso(dayNumber: number): string {
  return new Date(dayNumber * DAY).toISOString().slice(0, 10);
}

/** Financial year starting in April of `year`, e.g. 2020 → 2020/21. */
export function fyLabel(year: number): string {
  return `${year}/${String((year + 1) % 100).padStart(2, '0')}`;
}

export function fyOf(d: IsoDate): number {
  return d.month >= 4 ? d.year : d.year - 1;
}

export interface PhasingOptions {
  /** When activities with no `from` start (callers pass the requirement's deadline as `from` when it has one). */
  start: IsoDate;
  /** How many financial years to report, from the first in which an activity starts (default: through the last `from`/`until`, at least 1, at most 5). */
  years?: number;
  practices: number;
  pcns: number;
}

/** Cost per quarter and per financial year of a set of activities. */
export function phase(activities: ActivityCost[], options: PhasingOptions): { quarters: Period[]; years: Period[] } {
  let firstFy = Infinity;
  for (const a of activities) {
    const f = a.from ? parseIsoDate(a.from) : undefined;
    firstFy = Math.min(firstFy, fyOf(f ?? options.start));
  }
  if (firstFy === Infinity) firstFy = fyOf(options.start);
  let lastFy = firstFy;
  for (const a of activities) {
    const u = a.until ? parseIsoDate(a.until) : undefined;
    if (u) lastFy = Math.max(lastFy, fyOf(u));
    const f = a.from ? parseIsoDate(a.from) : undefined;
    if (f) lastFy = Math.max(lastFy, fyOf(f));
  }
  const years = Math.max(1, Math.min(5, options.years ?? lastFy - firstFy + 1));
  const quarters: Period[] = [];
  for (let y = firstFy; y < firstFy + years; y++) {
    for (let q = 0; q < 4; q++) {
      const startMonth = 4 + q * 3;
      const sy = startMonth > 12 ? y + 1 : y;
      const sm = ((startMonth - 1) % 12) + 1;
      const start = day(sy, sm, 1);
      const end = day(sm + 3 > 12 ? sy + 1 : sy, ((sm + 2) % 12) + 1, 1) - 1; // last day of the quarter
      quarters.push(periodOf(`${fyLabel(y)} Q${q + 1}`, start, end, activities, options));
    }
  }
  const fy: Period[] = [];
  for (let i = 0; i < quarters.length; i += 4) {
    const qs = quarters.slice(i, i + 4);
    const sum = (k: 'costPerPcn' | 'costPerPractice' | 'costNational' | 'hoursPerPcn') => qs.reduce((n, p) => n + p[k], 0);
    fy.push({
      label: qs[0]!.label.slice(0, 7),
      start: qs[0]!.start,
      end: qs[3]!.end,
      costPerPcn: sum('costPerPcn'),
      costPerPractice: sum('costPerPractice'),
      costNational: sum('costNational'),
      hoursPerPcn: sum('hoursPerPcn'),
    });
  }
  return { quarters, years: fy };
}

function periodOf(label: string, start: number, end: number, activities: ActivityCost[], options: PhasingOptions): Period {
  let cost = 0;
  let hours = 0;
  const defaultStart = options.start.dayNumber;
  for (const a of activities) {
    const from = a.from ? parseIsoDate(a.from)!.dayNumber : defaultStart;
    const until = a.until ? parseIsoDate(a.until)!.dayNumber : Infinity;
    if (a.every === 'once') {
      if (from >= start && from <= end) {
        cost += a.costPerPcn;
        hours += a.hoursPerPcn;
      }
      continue;
    }
    const overlap = Math.min(end, until) - Math.max(start, from) + 1;
    if (overlap <= 0) continue;
    // An annual figure spread evenly over the days of the year the period falls in.
    const fraction = overlap / 365;
    cost += a.costPerPcn * fraction;
    hours += a.hoursPerPcn * fraction;
  }
  return {
    label,
    start: iso(start),
    end: iso(end),
    costPerPcn: cost,
    costPerPractice: cost / options.practices,
    costNational: cost * options.pcns,
    hoursPerPcn: hours,
  };
}

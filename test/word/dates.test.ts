/** Date phrases: every form of the grammar, with properties over generated dates and spellings. */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { daysInMonth } from '../../server/src/core/dates.js';
import { findDatePhrase } from '../../server/src/word/dates.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const ABBREVIATIONS: Record<number, string[]> = {
  1: ['Jan', 'Jan.'],
  2: ['Feb'],
  3: ['Mar'],
  4: ['Apr'],
  5: ['May'],
  6: ['Jun'],
  7: ['Jul'],
  8: ['Aug'],
  9: ['Sep', 'Sept', 'Sept.'],
  10: ['Oct'],
  11: ['Nov'],
  12: ['Dec', 'Dec.'],
};
const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const ordinal = (d: number) => `${d}${d % 10 === 1 && d !== 11 ? 'st' : d % 10 === 2 && d !== 12 ? 'nd' : d % 10 === 3 && d !== 13 ? 'rd' : 'th'}`;

const date = fc
  .record({ year: fc.integer({ min: 1990, max: 2099 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 31 }) })
  .filter((d) => d.day <= daysInMonth(d.year, d.month));
const impossible = fc
  .record({ year: fc.integer({ min: 1990, max: 2099 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 29, max: 35 }) })
  .filter((d) => d.day > daysInMonth(d.year, d.month));
/** How a month is spelled: full name or abbreviation, in any case. */
const spelling = (month: number) =>
  fc
    .tuple(fc.constantFrom(MONTHS[month - 1]!, ...ABBREVIATIONS[month]!), fc.constantFrom<'as' | 'lower' | 'upper'>('as', 'lower', 'upper'))
    .map(([name, c]) => (c === 'lower' ? name.toLowerCase() : c === 'upper' ? name.toUpperCase() : name));
const dayText = (day: number) => fc.constantFrom(String(day), ordinal(day));
const words = fc.constantFrom('The network must act', 'Practices are required to report', 'Reviews shall start', '');
const ending = fc.constantFrom('.', ', in every practice.', '', ' and keep doing so.');

function dmy(d: { year: number; month: number; day: number }) {
  return fc.tuple(dayText(d.day), spelling(d.month)).map(([day, month]) => `${day} ${month} ${d.year}`);
}
function my(d: { year: number; month: number }) {
  return spelling(d.month).map((month) => `${month} ${d.year}`);
}

function expectDate(text: string, expected: string, phrase?: string) {
  const found = findDatePhrase(text);
  assert.ok(found, `no date found in "${text}"`);
  assert.equal(found.iso, expected, `"${text}"`);
  if (phrase !== undefined) assert.equal(found.phrase, phrase);
}

describe('word import: date phrases', () => {
  it('reads each form of the grammar', () => {
    expectDate('The network must act by 31 March 2020.', '2020-03-31', 'by 31 March 2020');
    expectDate('before March 2020', '2020-03-31');
    expectDate('no later than  February 2024', '2024-02-29', 'no later than February 2024');
    expectDate('from 1 April 2020', '2020-04-01');
    expectDate('starting June 2020', '2020-06-01');
    expectDate('with effect from 1st October 2020', '2020-10-01');
    expectDate('on 2 Sept 2020', '2020-09-02');
    expectDate('in September 2020', '2020-09-01');
    expectDate('during 2020/21', '2021-03-31');
    expectDate('in 2019/20', '2020-03-31');
    expectDate('by the end of 2020/21', '2021-03-31');
    expectDate('by the end of December 2020', '2020-12-31');
    expectDate('a review on the 3rd of each month, first 14 Feb. 2021', '2021-02-14');
    expectDate('published 2020-01-15 for comment', '2020-01-15');
    expectDate('2099/00 runs in the year 2099, during 2099/00', '2100-03-31');
  });

  it('does not read what the grammar leaves out, or impossible dates', () => {
    for (const text of [
      'in March',
      'by 2020',
      'March 2020 is not a phrase on its own',
      'during March 2020',
      'by 2020/21',
      'in 2020/22',
      'by 31 June 2020',
      '2020-02-30',
      'on 29 February 2021',
      'reference 12-2020-1',
      'maybe 2020',
      '10 May 20201',
    ]) {
      assert.equal(findDatePhrase(text), undefined, text);
    }
  });

  it('takes the first date phrase, skipping an impossible one before it', () => {
    expectDate('from 1 April 2020 until 30 June 2020', '2020-04-01');
    expectDate('no later than 31 June 2020, before 15 July 2020', '2020-07-15', 'before 15 July 2020');
  });

  it('property: by/before/no later than + D Month YYYY is that day; + Month YYYY the last day of the month', () => {
    const lead = fc.constantFrom('by', 'before', 'no later than', 'By', 'BEFORE');
    fc.assert(
      fc.property(date, lead, words, ending, (d, l, w, e) =>
        fc.assert(
          fc.property(dmy(d), my(d), (a, b) => {
            expectDate(`${w} ${l} ${a}${e}`, iso(d.year, d.month, d.day));
            expectDate(`${w} ${l} ${b}${e}`, iso(d.year, d.month, daysInMonth(d.year, d.month)));
          }),
          { numRuns: 3 },
        ),
      ),
      { numRuns: 150 },
    );
  });

  it('property: from/starting/with effect from/on/in + D Month YYYY is that day; + Month YYYY the first day', () => {
    const lead = fc.constantFrom('from', 'starting', 'with effect from', 'on', 'in', 'From', 'With Effect From');
    fc.assert(
      fc.property(date, lead, words, ending, (d, l, w, e) =>
        fc.assert(
          fc.property(dmy(d), my(d), (a, b) => {
            expectDate(`${w} ${l} ${a}${e}`, iso(d.year, d.month, d.day));
            expectDate(`${w} ${l} ${b}${e}`, iso(d.year, d.month, 1));
          }),
          { numRuns: 3 },
        ),
      ),
      { numRuns: 150 },
    );
  });

  it('property: during/in/by the end of + YYYY/YY is 31 March of the later year', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1990, max: 2098 }), fc.constantFrom('during', 'in', 'by the end of', 'In', 'DURING'), words, ending, (y, l, w, e) => {
        expectDate(`${w} ${l} ${y}/${String((y + 1) % 100).padStart(2, '0')}${e}`, iso(y + 1, 3, 31));
      }),
    );
  });

  it('property: by the end of Month YYYY is the last day of the month', () => {
    fc.assert(
      fc.property(date, words, (d, w) =>
        fc.assert(
          fc.property(my(d), (b) => expectDate(`${w} by the end of ${b}`, iso(d.year, d.month, daysInMonth(d.year, d.month)))),
          { numRuns: 3 },
        ),
      ),
      { numRuns: 150 },
    );
  });

  it('property: a bare D Month YYYY or ISO date is that day', () => {
    fc.assert(
      fc.property(date, words, ending, (d, w, e) => {
        expectDate(`${w} ${iso(d.year, d.month, d.day)}${e}`, iso(d.year, d.month, d.day));
        fc.assert(
          fc.property(dmy(d), (a) => expectDate(`${w} ${a}${e}`, iso(d.year, d.month, d.day))),
          { numRuns: 3 },
        );
      }),
      { numRuns: 150 },
    );
  });

  it('property: impossible dates are not dates, in every form', () => {
    const lead = fc.constantFrom('', 'by ', 'before ', 'no later than ', 'from ', 'starting ', 'with effect from ', 'on ', 'in ', 'by the end of ');
    fc.assert(
      fc.property(impossible, lead, words, ending, (d, l, w, e) => {
        assert.equal(findDatePhrase(`${w} ${l}${d.day} ${MONTHS[d.month - 1]} ${d.year}${e}`), undefined);
        assert.equal(findDatePhrase(`${w} ${iso(d.year, d.month, d.day)}${e}`), undefined);
      }),
    );
  });

  it('property: the phrase found is in the text at its index', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), date, fc.string({ maxLength: 40 }), (before, d, after) => {
        const text = `${before} by ${d.day} ${MONTHS[d.month - 1]} ${d.year} ${after}`;
        const found = findDatePhrase(text);
        assert.ok(found);
        assert.equal(text.slice(found.index).replace(/\s+/g, ' ').startsWith(found.phrase), true);
      }),
    );
  });
});

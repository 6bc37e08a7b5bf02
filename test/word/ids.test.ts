/** Requirement ids for imported documents: typed numbers kept, PREFIX-N smallest unused, deterministic. */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { REQUIREMENT_ID } from '../../server/src/core/markdown.js';
import { assignIds, firstNumber, kebab, prefixFromTitle, typedNumber, type IdSource } from '../../server/src/word/ids.js';

/** A document's requirements in order: typed numbers with distinct first numbers, heading ids, auto, lead-ins with items. */
const doc = fc
  .tuple(
    fc.uniqueArray(fc.integer({ min: 1, max: 60 }), { maxLength: 12 }),
    fc.array(fc.constantFrom<'typed' | 'fixed' | 'auto' | 'lead'>('typed', 'fixed', 'auto', 'lead'), { maxLength: 40 }),
    fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 40, maxLength: 40 }),
    fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 40, maxLength: 40 }),
  )
  .map(([numbers, kinds, items, depth]) => {
    const sources: IdSource[] = [];
    const pool = [...numbers];
    kinds.forEach((kind, i) => {
      if ((kind === 'typed' || kind === 'fixed') && pool.length) {
        const n = pool.shift()!;
        const number = [n, ...Array.from({ length: depth[i]! % 2 }, () => depth[i]! + 1)].join('.');
        sources.push(kind === 'typed' ? { kind: 'typed', number } : { kind: 'fixed', id: `OTHER-${number}` });
        return;
      }
      if (kind === 'lead') {
        const leadIn = sources.length;
        sources.push(depth[i]! === 3 && pool.length ? { kind: 'typed', number: String(pool.shift()) } : { kind: 'auto' });
        for (let k = 1; k <= items[i]!; k++) sources.push({ kind: 'item', leadIn, k });
        return;
      }
      sources.push({ kind: 'auto' });
    });
    return sources;
  });

/** Lead-ins are not requirements: their ids only prefix their items'. */
function requirementIds(sources: IdSource[], ids: string[]): string[] {
  const leadIns = new Set(sources.flatMap((s) => (s.kind === 'item' ? [s.leadIn] : [])));
  return ids.filter((_, i) => !leadIns.has(i));
}

describe('word import: requirement ids', () => {
  it('keeps typed numbers and heading ids, numbers lead-in items, and gives the rest the smallest unused first number', () => {
    const sources: IdSource[] = [
      { kind: 'auto' },
      { kind: 'typed', number: '2.1' },
      { kind: 'fixed', id: 'EHCH-3' },
      { kind: 'auto' },
      { kind: 'item', leadIn: 3, k: 1 },
      { kind: 'item', leadIn: 3, k: 2 },
      { kind: 'typed', number: '7' },
      { kind: 'item', leadIn: 6, k: 1 },
      { kind: 'auto' },
    ];
    assert.deepEqual(assignIds(sources, 'SMR'), ['SMR-1', 'SMR-2.1', 'EHCH-3', 'SMR-4', 'SMR-4.1', 'SMR-4.2', 'SMR-7', 'SMR-7.1', 'SMR-5']);
  });

  it('property: deterministic, every id valid, no duplicates, typed numbers and heading ids kept', () => {
    fc.assert(
      fc.property(doc, fc.constantFrom('SMR', 'EHCH', 'A1', 'REQ'), (sources, prefix) => {
        const ids = assignIds(sources, prefix);
        assert.deepEqual(assignIds(sources, prefix), ids, 'the same document gives the same ids');
        assert.equal(ids.length, sources.length);
        for (const id of ids) assert.match(id, REQUIREMENT_ID);
        const reqs = requirementIds(sources, ids);
        assert.equal(new Set(reqs).size, reqs.length, `duplicates in ${reqs.join(' ')}`);
        sources.forEach((s, i) => {
          if (s.kind === 'typed') assert.equal(ids[i], `${prefix}-${s.number}`);
          if (s.kind === 'fixed') assert.equal(ids[i], s.id);
          if (s.kind === 'item') assert.equal(ids[i], `${ids[s.leadIn]}.${s.k}`);
        });
      }),
    );
  });

  it('property: automatic numbers are the smallest positive integers no id in the document starts with, in document order', () => {
    fc.assert(
      fc.property(doc, (sources) => {
        const ids = assignIds(sources, 'P');
        const given = new Set(sources.flatMap((s) => (s.kind === 'typed' ? [firstNumber(s.number)!] : s.kind === 'fixed' ? [firstNumber(s.id)!] : [])));
        const auto = sources.flatMap((s, i) => (s.kind === 'auto' ? [Number(ids[i]!.slice(2))] : []));
        const expected: number[] = [];
        for (let n = 1; expected.length < auto.length; n++) if (!given.has(n)) expected.push(n);
        assert.deepEqual(auto, expected);
      }),
    );
  });

  it('reads typed numbers at the start of a paragraph, but not dates or counts', () => {
    assert.deepEqual(typedNumber('2.1 The network must'), { number: '2.1', rest: 'The network must', removed: 4 });
    assert.equal(typedNumber('2.1. The network must')?.number, '2.1');
    assert.equal(typedNumber('3. the network must')?.number, '3');
    assert.equal(typedNumber('4 The network must')?.number, '4');
    assert.equal(typedNumber('10 practices must'), undefined);
    assert.equal(typedNumber('1 April 2020, the network must'), undefined);
    assert.equal(typedNumber('1st April 2020, the network must'), undefined);
    assert.equal(typedNumber('2020 will see'), undefined);
    assert.equal(typedNumber('2.1'), undefined);
  });

  it('derives the prefix from the title initials, skipping small words, and the id in kebab-case', () => {
    assert.equal(prefixFromTitle('Enhanced Health in Care Homes'), 'EHCH');
    assert.equal(prefixFromTitle('Structured Medication Reviews and Medicines Optimisation'), 'SMRMO');
    assert.equal(prefixFromTitle('The Anticipatory Care of the Frail'), 'ACF');
    assert.equal(prefixFromTitle('2020/21 network contract'), 'REQ');
    assert.equal(prefixFromTitle(undefined), 'REQ');
    assert.equal(kebab('Enhanced Health in Care Homes'), 'enhanced-health-in-care-homes');
    assert.equal(kebab('Soins à domicile: 2020/21!'), 'soins-domicile-2020-21');
  });
});

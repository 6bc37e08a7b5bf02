/**
 * YAML embedded in a spec (front-matter, workload blocks) or read from a file (configuration), parsed
 * with the `yaml` Document API so every node keeps its position. An `OffsetMap` carries positions from
 * the YAML text back into the enclosing file.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import { computeLineStarts, type Range } from './text.js';

/** Maps an offset in an embedded YAML text to an offset in the enclosing document. */
export type OffsetMap = (yamlOffset: number) => number;

export const identityMap: OffsetMap = (o) => o;

export function shiftMap(base: number): OffsetMap {
  return (o) => base + o;
}

/**
 * Map for a YAML text built from source lines with a per-line prefix removed (a fenced block's
 * content, possibly indented inside a list item): YAML line `i` starts at `sourceLineStarts[i]`.
 */
export function linesMap(yamlText: string, sourceLineStarts: number[]): OffsetMap {
  const yamlStarts = computeLineStarts(yamlText);
  return (o) => {
    let lo = 0;
    let hi = yamlStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (yamlStarts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    const base = sourceLineStarts[Math.min(lo, sourceLineStarts.length - 1)] ?? 0;
    return base + (o - yamlStarts[lo]!);
  };
}

export interface YamlProblem {
  range: Range;
  message: string;
}

export interface ParsedYaml {
  doc: Document.Parsed;
  /** Syntax errors and duplicate keys, with ranges in the enclosing document. */
  errors: YamlProblem[];
  map: OffsetMap;
  /** Length of the YAML text, to clamp ranges. */
  length: number;
}

/** Parses YAML 1.2 with the core schema (a date stays a string). Never throws. */
export function parseYaml(text: string, map: OffsetMap = identityMap): ParsedYaml {
  const errors: YamlProblem[] = [];
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, {
      version: '1.2',
      schema: 'core',
      prettyErrors: false,
      uniqueKeys: true,
      strict: true,
      keepSourceTokens: false,
    });
  } catch (e) {
    // The yaml library reports problems as errors on the document; this is a last line of defence.
    doc = parseDocument('', { version: '1.2', schema: 'core' });
    errors.push({ range: { start: map(0), end: map(text.length) }, message: `YAML could not be read: ${String(e)}` });
    return { doc, errors, map, length: text.length };
  }
  for (const err of doc.errors) {
    const [s, e] = err.pos;
    const start = Math.max(0, Math.min(s, text.length));
    let end = Math.max(start, Math.min(e, text.length));
    if (end === start) end = lineEndFrom(text, start);
    const message = cleanYamlMessage(err.message);
    errors.push({ range: { start: map(start), end: map(Math.max(start, end)) }, message });
  }
  return { doc, errors, map, length: text.length };
}

function lineEndFrom(text: string, start: number): number {
  let i = start;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  if (i === start && start < text.length) return start + 1;
  return i;
}

function cleanYamlMessage(message: string): string {
  // prettyErrors is off, but messages may still carry a trailing "at line x, column y" and context.
  return message
    .split('\n')[0]!
    .replace(/ at line \d+, column \d+:?$/, '')
    .trim();
}

/** The range of a node in the enclosing document (its value part, without trailing comments). */
export function nodeRange(node: Node | null | undefined, y: ParsedYaml): Range | undefined {
  const r = node?.range;
  if (!r) return undefined;
  const start = Math.min(r[0], y.length);
  const end = Math.min(Math.max(r[1], start), y.length);
  return { start: y.map(start), end: y.map(end) };
}

/** A scalar's value, following an alias to a scalar; undefined for collections or missing nodes. */
export function scalarValue(node: unknown, doc: Document): { ok: true; value: unknown } | { ok: false } {
  let n = node;
  if (isAlias(n)) {
    try {
      n = n.resolve(doc);
    } catch {
      return { ok: false };
    }
  }
  if (isScalar(n)) return { ok: true, value: n.value };
  return { ok: false };
}

/** Original source text of a scalar node (so `version: 1.10` reads as "1.10", not 1.1). */
export function scalarSource(node: unknown, _y: ParsedYaml, text: string): string | undefined {
  if (!isScalar(node) || !node.range) return undefined;
  if (typeof node.value === 'string') return node.value;
  return text.slice(node.range[0], node.range[1]).trim();
}

export interface PairInfo {
  key: string;
  keyNode: Node;
  valueNode: Node | null;
  keyRange: Range;
  valueRange: Range;
}

/** Pairs of a mapping with string keys, in order; non-string keys are reported as such by callers. */
export function mapPairs(node: unknown, y: ParsedYaml): PairInfo[] {
  if (!isMap(node)) return [];
  const out: PairInfo[] = [];
  for (const item of node.items) {
    if (!isPair(item)) continue;
    const keyNode = item.key as Node;
    const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
    const keyRange = nodeRange(keyNode, y) ?? nodeRange(node, y)!;
    const valueNode = (item.value as Node | null) ?? null;
    const valueRange = nodeRange(valueNode, y) ?? keyRange;
    out.push({ key, keyNode, valueNode, keyRange, valueRange });
  }
  return out;
}

export { isMap, isSeq, isScalar, isAlias };

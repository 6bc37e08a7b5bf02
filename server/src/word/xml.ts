/**
 * XML parts read with saxes (a conforming, streaming parser that expands no DTD entities), into small
 * element trees handed over one block at a time: each element at `flushDepth` (a paragraph or table under
 * `w:body`, a style, a comment) is given to `onBlock` when it closes and then dropped, so memory holds one
 * block's tree, not the whole part's. A `<!DOCTYPE` is refused outright (Word never writes one), so no
 * entity can expand. Namespaces are folded to one prefix per meaning: the transitional and the strict
 * OOXML namespaces both read as `w`, `r`, …
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { IMPORT_LIMITS, WordImportError } from './errors.js';
import type { Part } from './zip.js';

export interface XEl {
  /** Canonical prefix of the element's namespace (`w`, `r`, `w14`, …) or its URI when unknown. */
  ns: string;
  name: string;
  /** Attributes keyed `prefix:local` (canonical prefix) or `local` when not namespaced. */
  attrs: Record<string, string>;
  children: XNode[];
}
export type XNode = XEl | string;

const NAMESPACES: Record<string, string> = {
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main': 'w',
  'http://purl.oclc.org/ooxml/wordprocessingml/main': 'w',
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships': 'r',
  'http://purl.oclc.org/ooxml/officeDocument/relationships': 'r',
  'http://schemas.openxmlformats.org/officeDocument/2006/math': 'm',
  'http://purl.oclc.org/ooxml/officeDocument/math': 'm',
  'http://schemas.openxmlformats.org/package/2006/relationships': 'rel',
  'http://schemas.openxmlformats.org/package/2006/metadata/core-properties': 'cp',
  'http://purl.org/dc/elements/1.1/': 'dc',
  'http://purl.org/dc/terms/': 'dcterms',
  'http://schemas.microsoft.com/office/word/2010/wordml': 'w14',
  'http://schemas.microsoft.com/office/word/2012/wordml': 'w15',
  'http://schemas.openxmlformats.org/markup-compatibility/2006': 'mc',
  'http://www.w3.org/XML/1998/namespace': 'xml',
};

const XMLNS = 'http://www.w3.org/2000/xmlns/';

function prefixOf(uri: string): string {
  return NAMESPACES[uri] ?? uri;
}

/** UTF-16 by its byte-order mark (looked for across chunks), else UTF-8 (a UTF-8 BOM is dropped). */
function decoderFor(part: Part): TextDecoder {
  const head: number[] = [];
  for (const chunk of part) {
    for (let i = 0; i < chunk.length && head.length < 2; i++) head.push(chunk[i]!);
    if (head.length >= 2) break;
  }
  if (head[0] === 0xff && head[1] === 0xfe) return new TextDecoder('utf-16le');
  if (head[0] === 0xfe && head[1] === 0xff) return new TextDecoder('utf-16be');
  return new TextDecoder('utf-8');
}

export interface StreamOptions {
  /** Depth of the elements handed to `onBlock` (root = 0). */
  flushDepth: number;
  onBlock: (el: XEl) => void;
  /** Called with the root element (attributes only) as soon as it opens. */
  onRoot?: (el: XEl) => void;
  /** The part's name, for messages. */
  name: string;
  maxElementsPerBlock?: number;
}

/**
 * Parses a part chunk by chunk. Throws `WordImportError` for a DTD, malformed XML or a block with more
 * elements than the limit.
 */
export function streamXml(part: Part, options: StreamOptions): void {
  const max = options.maxElementsPerBlock ?? IMPORT_LIMITS.maxElementsPerBlock;
  const parser = new SaxesParser({ xmlns: true, position: false });
  const stack: XEl[] = [];
  let inBlock = 0;
  parser.on('doctype', () => {
    throw new WordImportError('dtd', `part ${options.name} declares a DTD (<!DOCTYPE>), which Word never writes; refused`);
  });
  parser.on('error', (e) => {
    throw new WordImportError('corrupt', `part ${options.name} is not well-formed XML (${e.message})`);
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    const attrs: Record<string, string> = {};
    for (const a of Object.values(tag.attributes)) {
      if (a.uri === XMLNS) continue;
      attrs[a.uri ? `${prefixOf(a.uri)}:${a.local}` : a.local] = a.value;
    }
    const el: XEl = { ns: prefixOf(tag.uri), name: tag.local, attrs, children: [] };
    const depth = stack.length;
    if (depth === 0) options.onRoot?.(el);
    if (depth > options.flushDepth) stack[depth - 1]!.children.push(el);
    if (depth >= options.flushDepth && ++inBlock > max) {
      throw new WordImportError('too-large', `part ${options.name} has a block of more than ${max.toLocaleString('en-GB')} elements; refused`);
    }
    stack.push(el);
  });
  parser.on('text', (text) => {
    if (stack.length > options.flushDepth) stack[stack.length - 1]!.children.push(text);
  });
  parser.on('cdata', (text) => {
    if (stack.length > options.flushDepth) stack[stack.length - 1]!.children.push(text);
  });
  parser.on('closetag', () => {
    const el = stack.pop()!;
    if (stack.length === options.flushDepth) {
      inBlock = 0;
      options.onBlock(el);
    }
  });
  const decoder = decoderFor(part);
  for (const chunk of part) parser.write(decoder.decode(chunk, { stream: true }));
  parser.write(decoder.decode());
  parser.close();
}

/** All elements at `flushDepth` of a part, kept (for the small parts: styles, numbering, rels, comments). */
export function readBlocks(part: Part | undefined, name: string, flushDepth = 1): XEl[] {
  if (!part) return [];
  const out: XEl[] = [];
  streamXml(part, { flushDepth, name, onBlock: (el) => out.push(el) });
  return out;
}

/** The root element's namespace prefix and name, without reading the rest. */
export function rootOf(part: Part, name: string): XEl | undefined {
  let root: XEl | undefined;
  try {
    streamXml(part, {
      flushDepth: 1,
      name,
      onBlock: () => {},
      onRoot: (el) => {
        root = el;
        throw new StopParsing();
      },
    });
  } catch (e) {
    if (!(e instanceof StopParsing)) throw e;
  }
  return root;
}

class StopParsing extends Error {}

export function isEl(n: XNode | undefined): n is XEl {
  return typeof n === 'object' && n !== null;
}

/** First child element in namespace `ns` named `name`. */
export function child(el: XEl | undefined, ns: string, name: string): XEl | undefined {
  if (!el) return undefined;
  for (const c of el.children) if (typeof c !== 'string' && c.ns === ns && c.name === name) return c;
  return undefined;
}

export function childrenNamed(el: XEl | undefined, ns: string, name: string): XEl[] {
  if (!el) return [];
  const out: XEl[] = [];
  for (const c of el.children) if (typeof c !== 'string' && c.ns === ns && c.name === name) out.push(c);
  return out;
}

/** `w:val` (or another attribute) of the first matching child. */
export function childVal(el: XEl | undefined, ns: string, name: string, attr = 'w:val'): string | undefined {
  return child(el, ns, name)?.attrs[attr];
}

/** All text below an element, in order. */
export function textOf(el: XEl): string {
  let s = '';
  for (const c of el.children) s += typeof c === 'string' ? c : textOf(c);
  return s;
}

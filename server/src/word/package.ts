/**
 * The parts of a WordprocessingML package that import reads, found through the package relationships
 * (transitional or strict): the main document, styles, numbering, core properties, comments and Word
 * 2013's commentsExtended (threads and done flags).
 */
import { WordImportError } from './errors.js';
import { child, childVal, childrenNamed, readBlocks, rootOf, textOf, type XEl } from './xml.js';
import type { Part } from './zip.js';

export interface StyleInfo {
  id: string;
  name: string;
  type: string;
  basedOn?: string;
  outlineLevel?: number;
  numId?: string;
  ilvl?: number;
  isDefault: boolean;
}

export interface Styles {
  byId: Map<string, StyleInfo>;
  defaultParagraph?: string;
}

export interface Numbering {
  /** numId → (level → numFmt). */
  formats: Map<string, Map<number, string>>;
}

export interface CoreProperties {
  title?: string;
  created?: string;
  modified?: string;
}

export interface DocxPackage {
  document: Part;
  documentName: string;
  styles: Styles;
  numbering: Numbering;
  core: CoreProperties;
  comments?: Part;
  commentsExtended?: Part;
}

interface Relationship {
  type: string;
  target: string;
}

function folderOf(name: string): string {
  const i = name.lastIndexOf('/');
  return i < 0 ? '' : name.slice(0, i + 1);
}

function resolve(base: string, target: string): string {
  const segments = (target.startsWith('/') ? target.slice(1) : base + target).split('/');
  const out: string[] = [];
  for (const s of segments) {
    if (s === '..') out.pop();
    else if (s !== '.' && s !== '') out.push(s);
  }
  return out.join('/');
}

function relsName(part: string): string {
  return `${folderOf(part)}_rels/${part.slice(folderOf(part).length)}.rels`;
}

function relationships(parts: Map<string, Part>, source: string): Relationship[] {
  const name = source === '' ? '_rels/.rels' : relsName(source);
  const part = find(parts, name);
  return readBlocks(part, name)
    .filter((r) => r.name === 'Relationship' && r.attrs.TargetMode !== 'External' && r.attrs.Target)
    .map((r) => ({ type: r.attrs.Type ?? '', target: resolve(folderOf(source), r.attrs.Target!) }));
}

/** Part names are case-insensitive in a package. */
function find(parts: Map<string, Part>, name: string): Part | undefined {
  const exact = parts.get(name);
  if (exact) return exact;
  const lower = name.toLowerCase();
  for (const [k, v] of parts) if (k.toLowerCase() === lower) return v;
  return undefined;
}

function target(rels: Relationship[], suffix: string): string | undefined {
  return rels.find((r) => r.type.endsWith(suffix))?.target;
}

export function openPackage(parts: Map<string, Part>): DocxPackage {
  const root = relationships(parts, '');
  const documentName = target(root, '/officeDocument') ?? 'word/document.xml';
  const document = find(parts, documentName) ?? find(parts, 'word/document.xml');
  if (!document) throw new WordImportError('not-word', 'the zip package holds no word/document.xml: it is not a Word document');
  const top = rootOf(document, documentName);
  if (top?.ns !== 'w' || top.name !== 'document') {
    throw new WordImportError('not-word', `${documentName} is not a WordprocessingML document: it is not a Word document`);
  }
  const rels = relationships(parts, documentName);
  const part = (suffix: string, fallback: string) => find(parts, target(rels, suffix) ?? fallback) ?? find(parts, fallback);
  const coreName = target(root, '/core-properties') ?? 'docProps/core.xml';
  return {
    document,
    documentName,
    styles: readStyles(part('/styles', 'word/styles.xml')),
    numbering: readNumbering(part('/numbering', 'word/numbering.xml')),
    core: readCore(find(parts, coreName) ?? find(parts, 'docProps/core.xml')),
    comments: part('/comments', 'word/comments.xml'),
    commentsExtended: part('/commentsExtended', 'word/commentsExtended.xml'),
  };
}

function int(v: string | undefined): number | undefined {
  if (v === undefined || !/^-?\d+$/.test(v.trim())) return undefined;
  return Number(v);
}

function readStyles(part: Part | undefined): Styles {
  const byId = new Map<string, StyleInfo>();
  let defaultParagraph: string | undefined;
  for (const s of readBlocks(part, 'styles.xml')) {
    if (s.ns !== 'w' || s.name !== 'style' || !s.attrs['w:styleId']) continue;
    const pPr = child(s, 'w', 'pPr');
    const numPr = child(pPr, 'w', 'numPr');
    const info: StyleInfo = {
      id: s.attrs['w:styleId'],
      name: childVal(s, 'w', 'name') ?? s.attrs['w:styleId'],
      type: s.attrs['w:type'] ?? 'paragraph',
      basedOn: childVal(s, 'w', 'basedOn'),
      outlineLevel: int(childVal(pPr, 'w', 'outlineLvl')),
      numId: childVal(numPr, 'w', 'numId'),
      ilvl: int(childVal(numPr, 'w', 'ilvl')),
      isDefault: isOn(s.attrs['w:default']),
    };
    byId.set(info.id, info);
    if (info.isDefault && info.type === 'paragraph') defaultParagraph = info.id;
  }
  return { byId, defaultParagraph };
}

function readNumbering(part: Part | undefined): Numbering {
  const abstract = new Map<string, Map<number, string>>();
  const nums: { numId: string; abstractId: string; overrides: Map<number, string> }[] = [];
  for (const el of readBlocks(part, 'numbering.xml')) {
    if (el.ns !== 'w') continue;
    if (el.name === 'abstractNum' && el.attrs['w:abstractNumId'] !== undefined) abstract.set(el.attrs['w:abstractNumId'], levels(el));
    if (el.name === 'num' && el.attrs['w:numId'] !== undefined) {
      const overrides = new Map<number, string>();
      for (const o of childrenNamed(el, 'w', 'lvlOverride')) {
        const lvl = child(o, 'w', 'lvl');
        const fmt = childVal(lvl, 'w', 'numFmt');
        const i = int(o.attrs['w:ilvl']);
        if (fmt && i !== undefined) overrides.set(i, fmt);
      }
      nums.push({ numId: el.attrs['w:numId'], abstractId: childVal(el, 'w', 'abstractNumId') ?? '', overrides });
    }
  }
  const formats = new Map<string, Map<number, string>>();
  for (const n of nums) formats.set(n.numId, new Map([...(abstract.get(n.abstractId) ?? []), ...n.overrides]));
  return { formats };
}

function levels(abstractNum: XEl): Map<number, string> {
  const out = new Map<number, string>();
  for (const lvl of childrenNamed(abstractNum, 'w', 'lvl')) {
    const i = int(lvl.attrs['w:ilvl']);
    const fmt = childVal(lvl, 'w', 'numFmt');
    if (i !== undefined && fmt) out.set(i, fmt);
  }
  return out;
}

function readCore(part: Part | undefined): CoreProperties {
  const core: CoreProperties = {};
  for (const el of readBlocks(part, 'core.xml')) {
    const text = textOf(el).trim();
    if (!text) continue;
    if (el.ns === 'dc' && el.name === 'title') core.title = text.replace(/\s+/g, ' ');
    if (el.ns === 'dcterms' && el.name === 'created') core.created = text;
    if (el.ns === 'dcterms' && el.name === 'modified') core.modified = text;
  }
  return core;
}

/** OOXML booleans: absent value or 1/true/on mean true. */
export function isOn(v: string | undefined): boolean {
  return v !== undefined && ['1', 'true', 'on'].includes(v.toLowerCase());
}

/**
 * The publication of a spec as a neutral document model: paragraphs in named styles holding formatted runs,
 * and tables. The Word writer (render.ts) and the HTML writer (html.ts) both read it; the review document
 * adds comment marks to it; the redline merges two of them into one with tracked changes. Nothing here
 * knows about OOXML.
 */

/** A tracked change: text or a paragraph mark or a table row inserted or deleted. */
export type Change = 'ins' | 'del';

/** Paragraph styles, by Word style id (styles.ts defines each). */
export type ParaStyle =
  | 'Title'
  | 'Heading1'
  | 'Heading2'
  | 'Heading3'
  | 'Normal'
  | 'ListBullet'
  | 'ListNumber'
  | 'Quote'
  | 'PlainText'
  | 'ServiceSpecFrontMatter'
  | 'ServiceSpecCost'
  | 'ServiceSpecSummary'
  | 'ServiceSpecTableText';

/** Table styles, by Word style id. */
export type TableStyle = 'ServiceSpecFrontMatterTable' | 'ServiceSpecFields' | 'ServiceSpecWorkload' | 'ServiceSpecSummaryTable' | 'ServiceSpecTable';

export interface TextRun {
  type: 'text';
  text: string;
  bold?: boolean;
  italic?: boolean;
  strike?: boolean;
  code?: boolean;
  /** A character style (by id) other than those the flags above stand for. */
  charStyle?: 'ServiceSpecSummaryTitle' | 'Strong';
  /** An external link (http, https or mailto) the text points to. */
  link?: string;
  /** A bookmark in the same document the text points to. */
  anchor?: string;
  change?: Change;
}

/** A line break inside a paragraph. */
export interface BreakRun {
  type: 'break';
  change?: Change;
}

/** Start or end of a comment's range (review documents). */
export interface CommentMark {
  type: 'commentStart' | 'commentEnd';
  id: number;
}

export type Inline = TextRun | BreakRun | CommentMark;

export interface Para {
  type: 'p';
  style: ParaStyle;
  runs: Inline[];
  /** Bookmark around the whole paragraph text (requirement headings). */
  bookmark?: string;
  /** List numbering: which list (numbered lists restart per list) and the level. */
  list?: { kind: 'bullet' | 'number'; instance: number; level: number };
  /**
   * The paragraph mark is inserted or deleted (a whole paragraph added or removed); `insdel`: inserted and
   * deleted, a paragraph in neither version (it keeps two tables apart in a redline).
   */
  mark?: Change | 'insdel';
  /** What an empty paragraph is for, so the redline matches it with its counterpart. */
  role?: 'separator' | 'end';
}

export interface Cell {
  paras: Para[];
}

export interface Row {
  cells: Cell[];
  header?: boolean;
  change?: Change;
}

export interface Table {
  type: 'table';
  style: TableStyle;
  /** Column widths in twentieths of a point; they sum to the text width. */
  widths: number[];
  rows: Row[];
}

export type Block = Para | Table;

/** What a unit of the publication is: the redline pairs units of the same kind. */
export type UnitKind = 'title' | 'frontMatter' | 'prose' | 'section' | 'requirement' | 'summary';

/** A run of blocks that is added, removed or changed as a whole in a redline. */
export interface Unit {
  kind: UnitKind;
  /** Requirement id (requirement units), section title (section units). */
  key: string;
  /** A requirement unit's index in the spec's requirements. */
  index?: number;
  blocks: Block[];
}

export interface Publication {
  /** The document title (core properties and the Title paragraph). */
  title: string;
  /** Front-matter `published` (YYYY-MM-DD), when valid: the document's date. */
  published?: string;
  units: Unit[];
}

export const text = (t: string, extra: Omit<TextRun, 'type' | 'text'> = {}): TextRun => ({ type: 'text', text: t, ...extra });

export const para = (style: ParaStyle, runs: Inline[], extra: Omit<Para, 'type' | 'style' | 'runs'> = {}): Para => ({ type: 'p', style, runs, ...extra });

/** The visible text of a paragraph (line breaks as `\n`, comment marks left out). */
export function paraText(p: Para): string {
  let s = '';
  for (const r of p.runs)
    if (r.type === 'text') s += r.text;
    else if (r.type === 'break') s += '\n';
  return s;
}

/** Every paragraph of a block list, table cells included, in document order. */
export function* parasOf(blocks: Block[]): Generator<Para> {
  for (const b of blocks) {
    if (b.type === 'p') yield b;
    else for (const row of b.rows) for (const cell of row.cells) yield* cell.paras;
  }
}

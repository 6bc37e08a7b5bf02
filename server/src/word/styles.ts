/**
 * What a paragraph is, from its own properties and its style chain: a heading (style named or with id
 * Heading 1–9, else an outline level 0–8), the Title, a list paragraph (`w:numPr` direct or from the style
 * with a numId other than 0 and a level format other than `none`, or a style whose name starts with
 * "List"), or text the export generated (styles `Service Spec Front Matter`, `… Cost`, `… Summary`).
 */
import type { Para } from './body.js';
import type { Numbering, StyleInfo, Styles } from './package.js';

export const GENERATED_STYLES = ['Service Spec Front Matter', 'Service Spec Cost', 'Service Spec Summary'] as const;
const GENERATED = new Set(GENERATED_STYLES.map(squash));

function squash(s: string): string {
  return s.replace(/[\s_-]+/g, '').toLowerCase();
}

export class StyleSheet {
  constructor(
    private readonly styles: Styles,
    private readonly numbering: Numbering,
  ) {}

  private own(styleId: string | undefined): StyleInfo | undefined {
    return this.styles.byId.get(styleId ?? this.styles.defaultParagraph ?? '');
  }

  /** The style and those it is based on, nearest first (cycles cut). */
  private chain(styleId: string | undefined): StyleInfo[] {
    const out: StyleInfo[] = [];
    let s = this.own(styleId);
    while (s && out.length < 32 && !out.includes(s)) {
      out.push(s);
      s = s.basedOn ? this.styles.byId.get(s.basedOn) : undefined;
    }
    return out;
  }

  /** Style name (or the id when the style is not defined). */
  nameOf(styleId: string | undefined): string {
    return this.own(styleId)?.name ?? styleId ?? '';
  }

  /** Heading level 1–9, or 0 for body text. */
  headingLevel(p: Para): number {
    const s = this.own(p.styleId);
    for (const name of [s?.name, s?.id, p.styleId]) {
      const m = name ? /^heading\s*([1-9])$/i.exec(name.trim()) : null;
      if (m) return Number(m[1]);
    }
    const outline = p.outlineLevel ?? this.chain(p.styleId).find((c) => c.outlineLevel !== undefined)?.outlineLevel;
    return outline !== undefined && outline >= 0 && outline <= 8 ? outline + 1 : 0;
  }

  isTitle(p: Para): boolean {
    const s = this.own(p.styleId);
    return [s?.name, s?.id, p.styleId].some((n) => n !== undefined && n.trim().toLowerCase() === 'title');
  }

  /** List level (0-based) of a list paragraph, or undefined. */
  listLevel(p: Para): number | undefined {
    if (p.numId === '0') return undefined;
    const chain = this.chain(p.styleId);
    const numId = p.numId ?? chain.find((c) => c.numId !== undefined)?.numId;
    if (numId !== undefined && numId !== '0') {
      const ilvl = p.ilvl ?? chain.find((c) => c.ilvl !== undefined)?.ilvl ?? 0;
      const format = this.numbering.formats.get(numId)?.get(ilvl);
      if (format !== 'none') return ilvl;
    }
    return /^list/i.test(this.nameOf(p.styleId).trim()) ? 0 : undefined;
  }

  /** A table of contents entry or its heading (`toc 1`…`toc 9`, `TOC Heading`): Word's generated index, not text. */
  isTableOfContents(p: Para): boolean {
    return /^toc\s*(\d|heading)?$/i.test(this.nameOf(p.styleId).trim());
  }

  /**
   * Which generated style, if any (squashed, e.g. `servicespecfrontmatter`): a style named after one of
   * them, or a name that starts with one (the export's `Service Spec Front Matter Table`).
   */
  generated(styleId: string | undefined): string | undefined {
    if (!styleId) return undefined;
    for (const n of [this.nameOf(styleId), styleId]) {
      const name = squash(n);
      for (const g of GENERATED) if (name.startsWith(g)) return g;
    }
    return undefined;
  }
}

/**
 * The document model as a Word document (`.docx` bytes), through the `docx` library: paragraphs in their
 * styles, runs, links, bookmarks, list numbering, tables in table styles, tracked changes and comments.
 * Hand-written parts, where the library has no say: `styles.xml` (styles.ts), the core properties (the
 * document's dates are its `published` day at 12:00 UTC, so the output is reproducible), and
 * `commentsExtended.xml` when comments are marked done but none has a reply (the library writes it only for
 * threads). Pure: no file system; runs in a browser.
 */
import {
  AlignmentType,
  BookmarkEnd,
  BookmarkStart,
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  DeletedTextRun,
  Document,
  ExternalHyperlink,
  Footer,
  InsertedTextRun,
  InternalHyperlink,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  type ParagraphChild,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type ICommentOptions,
} from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { Block, BreakRun, Change, Inline, Para, Table as ModelTable, TextRun as ModelRun } from './model.js';
import { PAGE, TEXT_WIDTH, stylesXml } from './styles.js';
import { xmlEscape, xmlSafe } from './xml.js';

export interface CommentSpec {
  id: number;
  author: string;
  initials: string;
  /** `YYYY-MM-DD`; the comment is dated that day at 12:00 UTC. */
  date?: string;
  /** The body, one entry per paragraph. */
  paragraphs: string[];
  parentId?: number;
  done?: boolean;
}

export interface RenderOptions {
  title: string;
  /** `YYYY-MM-DD`: the document's created and modified dates (12:00 UTC). */
  date?: string;
  /** Core property `dc:creator`. */
  creator?: string;
  subject?: string;
  /** Footer text, before the page number. */
  footer?: string;
  comments?: CommentSpec[];
  /** Who made the tracked changes and when (`YYYY-MM-DD`). */
  changes?: { author: string; date?: string };
  /** Turn Track Changes on for edits made in Word. */
  trackRevisions?: boolean;
}

/** `YYYY-MM-DD` → the same day at 12:00 UTC: the same calendar day wherever a reader of these specs is. */
export function noon(day: string): string {
  return `${day}T12:00:00Z`;
}

class Writer {
  /** One counter for tracked changes and bookmarks, so no two annotations share an id. */
  private nextId = 1;

  constructor(private readonly options: RenderOptions) {}

  private change(kind: Change): { insertion?: ChangeAttrs; deletion?: ChangeAttrs } {
    const attrs = this.changeAttrs();
    return kind === 'ins' ? { insertion: attrs } : { deletion: attrs };
  }

  changeAttrs(): ChangeAttrs {
    const c = this.options.changes ?? { author: 'service-spec' };
    return { id: this.nextId++, author: xmlSafe(c.author), date: c.date ? noon(c.date) : noon('1970-01-01') };
  }

  run(r: ModelRun | BreakRun): ParagraphChild {
    const props =
      r.type === 'text'
        ? {
            text: xmlSafe(r.text),
            ...(r.bold ? { bold: true } : {}),
            ...(r.italic ? { italics: true } : {}),
            ...(r.strike ? { strike: true } : {}),
            ...(r.code ? { style: 'HTMLCode' } : r.link || r.anchor ? { style: 'Hyperlink' } : r.charStyle ? { style: r.charStyle } : {}),
          }
        : { break: 1 };
    if (r.change === 'ins') return new InsertedTextRun({ ...props, ...this.changeAttrs() });
    if (r.change === 'del') return new DeletedTextRun({ ...props, ...this.changeAttrs() });
    return new TextRun(props);
  }

  inlines(runs: Inline[]): ParagraphChild[] {
    const out: ParagraphChild[] = [];
    let group: { key: string; link?: string; anchor?: string; children: ParagraphChild[] } | undefined;
    const flush = () => {
      if (!group) return;
      out.push(
        group.link
          ? new ExternalHyperlink({ link: group.link, children: group.children })
          : new InternalHyperlink({ anchor: group.anchor!, children: group.children }),
      );
      group = undefined;
    };
    for (const item of runs) {
      if (item.type === 'commentStart' || item.type === 'commentEnd') {
        flush();
        if (item.type === 'commentStart') out.push(new CommentRangeStart(item.id));
        else out.push(new CommentRangeEnd(item.id), new TextRun({ style: 'CommentReference', children: [new CommentReference(item.id)] }));
        continue;
      }
      const r = item as ModelRun | BreakRun;
      const key = r.type === 'text' ? (r.link ? `l:${r.link}` : r.anchor ? `a:${r.anchor}` : '') : (group?.key ?? '');
      if (group && key !== group.key) flush();
      if (key && r.type === 'text') {
        group ??= { key, ...(r.link ? { link: xmlSafe(r.link) } : { anchor: r.anchor! }), children: [] };
        group.children.push(this.run(r));
      } else if (group) group.children.push(this.run(r));
      else out.push(this.run(r));
    }
    flush();
    return out;
  }

  paragraph(p: Para): Paragraph {
    let children = this.inlines(p.runs);
    if (p.bookmark) {
      const id = this.nextId++;
      children = [new BookmarkStart(p.bookmark, id) as unknown as ParagraphChild, ...children, new BookmarkEnd(id) as unknown as ParagraphChild];
    }
    return new Paragraph({
      style: p.style,
      children,
      ...(p.list ? { numbering: { reference: p.list.kind, level: p.list.level, instance: p.list.instance } } : {}),
      ...(p.mark === 'insdel' ? { run: { ...this.change('ins'), ...this.change('del') } } : p.mark ? { run: this.change(p.mark) } : {}),
    });
  }

  table(t: ModelTable): Table {
    return new Table({
      style: t.style,
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: t.widths,
      layout: TableLayoutType.FIXED,
      tableLook: { firstRow: true, firstColumn: true, lastRow: t.style === 'ServiceSpecSummaryTable', lastColumn: false, noHBand: true, noVBand: true },
      rows: t.rows.map(
        (row) =>
          new TableRow({
            ...(row.header ? { tableHeader: true } : {}),
            ...(row.change ? this.change(row.change) : {}),
            children: row.cells.map(
              (cell, i) =>
                new TableCell({
                  width: { size: t.widths[i] ?? 0, type: WidthType.DXA },
                  children: cell.paras.map((p) => this.paragraph(p)),
                }),
            ),
          }),
      ),
    });
  }

  blocks(blocks: Block[]): (Paragraph | Table)[] {
    return blocks.map((b) => (b.type === 'p' ? this.paragraph(b) : this.table(b)));
  }
}

interface ChangeAttrs {
  id: number;
  author: string;
  date: string;
}

const BULLETS = ['•', '◦', '▪'];

function numbering() {
  const levels = (kind: 'bullet' | 'number') =>
    Array.from({ length: 9 }, (_, level) => ({
      level,
      format: kind === 'bullet' ? LevelFormat.BULLET : LevelFormat.DECIMAL,
      text: kind === 'bullet' ? BULLETS[level % 3]! : `%${level + 1}.`,
      alignment: AlignmentType.LEFT,
      style: { paragraph: { indent: { left: 360 * (level + 1), hanging: 360 } } },
    }));
  return {
    config: [
      { reference: 'bullet', levels: levels('bullet') },
      { reference: 'number', levels: levels('number') },
    ],
  };
}

function comment(c: CommentSpec): ICommentOptions {
  const paras = c.paragraphs.length ? c.paragraphs : [''];
  return {
    id: c.id,
    author: xmlSafe(c.author),
    initials: xmlSafe(c.initials),
    ...(c.date ? { date: new Date(noon(c.date)) } : {}),
    ...(c.parentId !== undefined ? { parentId: c.parentId } : {}),
    ...(c.done ? { resolved: true } : {}),
    // A durable id for every comment makes the library mark each one's last paragraph with its paraId.
    durableId: paraIdOf(c.id),
    children: paras.map((t) => new Paragraph({ style: 'CommentText', children: [new TextRun(xmlSafe(t))] })),
  };
}

/** The paraId the library gives a comment's last paragraph. */
export function paraIdOf(id: number): string {
  return (id + 1).toString(16).toUpperCase().padStart(8, '0');
}

/** `docProps/core.xml`: title, subject, creator, and the document's date at 12:00 UTC. */
export function coreXml(o: RenderOptions): string {
  const when = o.date ? noon(o.date) : undefined;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" ' +
    'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${xmlEscape(o.title)}</dc:title>` +
    (o.subject ? `<dc:subject>${xmlEscape(o.subject)}</dc:subject>` : '') +
    `<dc:creator>${xmlEscape(o.creator ?? 'service-spec')}</dc:creator><cp:lastModifiedBy>service-spec</cp:lastModifiedBy><cp:revision>1</cp:revision>` +
    (when ? `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>` : '') +
    '</cp:coreProperties>'
  );
}

const COMMENTS_EXTENDED_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml';
const COMMENTS_EXTENDED_REL = 'http://schemas.microsoft.com/office/2011/relationships/commentsExtended';

/** Adds `commentsExtended.xml` (done flags) when the library left it out because no comment is a reply. */
function addDoneFlags(zip: Uint8Array, comments: CommentSpec[], mtime: Date): Uint8Array {
  if (!comments.some((c) => c.done)) return zip;
  const files = unzipSync(zip);
  if (files['word/commentsExtended.xml']) return zip;
  const entries = comments.map((c) => `<w15:commentEx w15:paraId="${paraIdOf(c.id)}"${c.done ? ' w15:done="1"' : ''}/>`).join('');
  files['word/commentsExtended.xml'] = strToU8(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<w15:commentsEx xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" mc:Ignorable="w15">' +
      entries +
      '</w15:commentsEx>',
  );
  const types = strFromU8(files['[Content_Types].xml']!);
  files['[Content_Types].xml'] = strToU8(
    types.replace('</Types>', `<Override ContentType="${COMMENTS_EXTENDED_TYPE}" PartName="/word/commentsExtended.xml"/></Types>`),
  );
  const rels = strFromU8(files['word/_rels/document.xml.rels']!);
  const used = new Set([...rels.matchAll(/Id="(rId\d+)"/g)].map((m) => m[1]));
  let n = 1;
  while (used.has(`rId${n}`)) n++;
  files['word/_rels/document.xml.rels'] = strToU8(
    rels.replace('</Relationships>', `<Relationship Id="rId${n}" Type="${COMMENTS_EXTENDED_REL}" Target="commentsExtended.xml"/></Relationships>`),
  );
  return zipSync(files, { mtime });
}

type PackageFiles = Map<string, string | Uint8Array | ArrayBuffer>;

/** Zip entries are dated the document's date (else 1980-01-01, the first a zip can hold), never the time of writing. */
const ZIP_EPOCH = new Date(Date.UTC(1980, 0, 1, 12));

/**
 * The package's files zipped, synchronously. `Packer.pack` is async only in name (it compiles and zips
 * synchronously inside a promise); the CLI and the editor want bytes now, so this does what it does with the
 * library's own compiler. A test checks the result equals `Packer.pack`'s, so a change in the library shows.
 */
export function packSync(doc: Document, overrides: { path: string; data: string }[], mtime: Date = ZIP_EPOCH): Uint8Array {
  const compiler = (Packer as unknown as { compiler?: { compile(file: Document, prettify: undefined, overrides: unknown[]): PackageFiles } }).compiler;
  if (!compiler) throw new Error('docx: the library no longer exposes its compiler; pack with Packer.pack instead');
  const files = compiler.compile(doc, undefined, overrides);
  const entries: Record<string, Uint8Array> = {};
  for (const [path, data] of files) entries[path] = typeof data === 'string' ? strToU8(data) : data instanceof Uint8Array ? data : new Uint8Array(data);
  return zipSync(entries, { mtime });
}

/** The blocks as a `.docx` file. */
export function renderDocx(blocks: Block[], options: RenderOptions): Uint8Array {
  const mtime = options.date ? new Date(noon(options.date)) : ZIP_EPOCH;
  return addDoneFlags(packSync(buildDocument(blocks, options), [{ path: 'docProps/core.xml', data: coreXml(options) }], mtime), options.comments ?? [], mtime);
}

/** The library's document for the blocks (render it with `packSync` or `Packer.pack`). */
export function buildDocument(blocks: Block[], options: RenderOptions): Document {
  const writer = new Writer(options);
  const children = writer.blocks(blocks);
  const comments = options.comments ?? [];
  const footer = new Footer({
    children: [
      new Paragraph({
        style: 'Footer',
        alignment: AlignmentType.RIGHT,
        children: [new TextRun(xmlSafe(options.footer ? `${options.footer} · page ` : 'Page ')), new TextRun({ children: [PageNumber.CURRENT] })],
      }),
    ],
  });
  return new Document({
    title: xmlSafe(options.title),
    creator: xmlSafe(options.creator ?? 'service-spec'),
    lastModifiedBy: 'service-spec',
    externalStyles: stylesXml(),
    numbering: numbering(),
    ...(comments.length ? { comments: { children: comments.map(comment) } } : {}),
    features: { trackRevisions: options.trackRevisions ?? false },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.margin, right: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin },
          },
        },
        footers: { default: footer },
        children,
      },
    ],
  });
}

/**
 * The Word styles of every generated document (`word/styles.xml`), written out in full: the docx library
 * has no table styles, and a document whose look lives in its styles can be restyled in Word. Built-in
 * styles keep Word's ids and names (Title, Heading 1–3 with outline levels for the navigation pane, List
 * Bullet, List Number, Quote, Plain Text, Hyperlink, HTML Code), so Word maps them onto its own.
 *
 * What the tools generate rather than the author wrote is in paragraph styles named `Service Spec Front
 * Matter`, `Service Spec Cost` and `Service Spec Summary`; the two generated tables have table styles
 * whose names start with those names (`… Table`: Word wants style names unique across all kinds) and
 * every paragraph inside them is in the matching paragraph style. Import leaves all of it out.
 */

/** A4 with 2.54 cm margins: the text width in twentieths of a point. */
export const PAGE = { width: 11906, height: 16838, margin: 1440 } as const;
export const TEXT_WIDTH = PAGE.width - 2 * PAGE.margin;

/** Style names by id, for tests and the HTML writer's class names. */
export const STYLE_NAMES = {
  Normal: 'Normal',
  Title: 'Title',
  Heading1: 'Heading 1',
  Heading2: 'Heading 2',
  Heading3: 'Heading 3',
  ListBullet: 'List Bullet',
  ListNumber: 'List Number',
  Quote: 'Quote',
  PlainText: 'Plain Text',
  ServiceSpecFrontMatter: 'Service Spec Front Matter',
  ServiceSpecCost: 'Service Spec Cost',
  ServiceSpecSummary: 'Service Spec Summary',
  ServiceSpecTableText: 'Service Spec Table Text',
  ServiceSpecFrontMatterTable: 'Service Spec Front Matter Table',
  ServiceSpecSummaryTable: 'Service Spec Summary Table',
  ServiceSpecFields: 'Service Spec Fields',
  ServiceSpecWorkload: 'Service Spec Workload',
  ServiceSpecTable: 'Service Spec Table',
  Hyperlink: 'Hyperlink',
  HTMLCode: 'HTML Code',
  Strong: 'Strong',
  CommentText: 'annotation text',
  CommentReference: 'annotation reference',
  Footer: 'footer',
} as const;

const FONT = 'Arial';
const MONO = 'Courier New';
const ACCENT = '1F3864';
const RULE = '8EAADB';
const BAND = 'D9E2F3';

const fonts = (f: string) => `<w:rFonts w:ascii="${f}" w:hAnsi="${f}" w:eastAsia="${f}" w:cs="${f}"/>`;

function paragraphStyle(
  id: string,
  opts: { basedOn?: string; next?: string; pPr?: string; rPr?: string; primary?: boolean; priority?: number; isDefault?: boolean },
): string {
  return (
    `<w:style w:type="paragraph"${opts.isDefault ? ' w:default="1"' : ''} w:styleId="${id}">` +
    `<w:name w:val="${STYLE_NAMES[id as keyof typeof STYLE_NAMES] ?? id}"/>` +
    (opts.basedOn ? `<w:basedOn w:val="${opts.basedOn}"/>` : '') +
    (opts.next ? `<w:next w:val="${opts.next}"/>` : '') +
    (opts.priority !== undefined ? `<w:uiPriority w:val="${opts.priority}"/>` : '') +
    (opts.primary ? '<w:qFormat/>' : '') +
    (opts.pPr ? `<w:pPr>${opts.pPr}</w:pPr>` : '') +
    (opts.rPr ? `<w:rPr>${opts.rPr}</w:rPr>` : '') +
    '</w:style>'
  );
}

function characterStyle(id: string, rPr: string, priority = 99): string {
  return `<w:style w:type="character" w:styleId="${id}"><w:name w:val="${STYLE_NAMES[id as keyof typeof STYLE_NAMES] ?? id}"/><w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="${priority}"/><w:unhideWhenUsed/><w:rPr>${rPr}</w:rPr></w:style>`;
}

const border = (side: string, color = RULE, size = 4) => `<w:${side} w:val="single" w:sz="${size}" w:space="0" w:color="${color}"/>`;
const cellMargins =
  '<w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="85" w:type="dxa"/><w:bottom w:w="57" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>';

function tableStyle(id: string, opts: { firstRow?: boolean; firstCol?: boolean; lastRow?: boolean; inner?: boolean }): string {
  const borders = `<w:tblBorders>${border('top')}${border('left')}${border('bottom')}${border('right')}${opts.inner === false ? '' : border('insideH') + border('insideV')}</w:tblBorders>`;
  const bold = '<w:rPr><w:b/><w:bCs/></w:rPr>';
  const shade = `<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="${BAND}"/></w:tcPr>`;
  return (
    `<w:style w:type="table" w:styleId="${id}"><w:name w:val="${STYLE_NAMES[id as keyof typeof STYLE_NAMES]}"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/>` +
    `<w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>` +
    `<w:tblPr><w:tblStyleRowBandSize w:val="1"/><w:tblStyleColBandSize w:val="1"/>${borders}${cellMargins}</w:tblPr>` +
    (opts.firstRow ? `<w:tblStylePr w:type="firstRow"><w:pPr><w:keepNext/></w:pPr>${bold}<w:trPr><w:tblHeader/></w:trPr>${shade}</w:tblStylePr>` : '') +
    (opts.lastRow ? `<w:tblStylePr w:type="lastRow">${bold}<w:tcPr><w:tcBorders>${border('top', ACCENT, 8)}</w:tcBorders></w:tcPr></w:tblStylePr>` : '') +
    (opts.firstCol ? `<w:tblStylePr w:type="firstCol">${bold}${shade}</w:tblStylePr>` : '') +
    '</w:style>'
  );
}

const heading = (level: number, size: number, before: number) =>
  paragraphStyle(`Heading${level}`, {
    basedOn: 'Normal',
    next: 'Normal',
    primary: true,
    priority: 9,
    pPr: `<w:keepNext/><w:keepLines/><w:spacing w:before="${before}" w:after="120"/><w:outlineLvl w:val="${level - 1}"/>`,
    rPr: `<w:b/><w:bCs/><w:color w:val="${ACCENT}"/><w:sz w:val="${size}"/><w:szCs w:val="${size}"/>`,
  });

/** The whole `word/styles.xml`. */
export function stylesXml(): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" mc:Ignorable="w14">' +
    `<w:docDefaults><w:rPrDefault><w:rPr>${fonts(FONT)}<w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-GB" w:eastAsia="en-GB" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>` +
    '<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>' +
    paragraphStyle('Normal', { isDefault: true, primary: true, priority: 0 }) +
    '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>' +
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>' +
    '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>' +
    paragraphStyle('Title', {
      basedOn: 'Normal',
      next: 'Normal',
      primary: true,
      priority: 10,
      pPr: `<w:pBdr>${border('bottom', ACCENT, 8).replace('w:space="0"', 'w:space="4"')}</w:pBdr><w:spacing w:after="240" w:line="240" w:lineRule="auto"/><w:contextualSpacing/>`,
      rPr: `<w:b/><w:bCs/><w:color w:val="${ACCENT}"/><w:kern w:val="28"/><w:sz w:val="48"/><w:szCs w:val="48"/>`,
    }) +
    heading(1, 32, 360) +
    heading(2, 26, 240) +
    heading(3, 23, 200) +
    paragraphStyle('ListBullet', { basedOn: 'Normal', priority: 99, pPr: '<w:spacing w:after="60"/><w:contextualSpacing/>' }) +
    paragraphStyle('ListNumber', { basedOn: 'Normal', priority: 99, pPr: '<w:spacing w:after="60"/><w:contextualSpacing/>' }) +
    paragraphStyle('Quote', {
      basedOn: 'Normal',
      next: 'Normal',
      primary: true,
      priority: 29,
      pPr: `<w:pBdr>${border('left', RULE, 12).replace('w:space="0"', 'w:space="8"')}</w:pBdr><w:ind w:left="567"/>`,
      rPr: '<w:i/><w:iCs/><w:color w:val="404040"/>',
    }) +
    paragraphStyle('PlainText', {
      basedOn: 'Normal',
      priority: 99,
      pPr: '<w:spacing w:after="120" w:line="240" w:lineRule="auto"/>',
      rPr: `${fonts(MONO)}<w:sz w:val="20"/><w:szCs w:val="20"/>`,
    }) +
    paragraphStyle('ServiceSpecFrontMatter', {
      basedOn: 'Normal',
      primary: true,
      pPr: '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>',
      rPr: '<w:sz w:val="20"/><w:szCs w:val="20"/>',
    }) +
    paragraphStyle('ServiceSpecCost', {
      basedOn: 'Normal',
      next: 'Normal',
      primary: true,
      pPr: '<w:spacing w:before="80" w:after="240"/>',
      rPr: '<w:color w:val="404040"/><w:sz w:val="20"/><w:szCs w:val="20"/>',
    }) +
    paragraphStyle('ServiceSpecSummary', {
      basedOn: 'Normal',
      primary: true,
      pPr: '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>',
      rPr: '<w:sz w:val="20"/><w:szCs w:val="20"/>',
    }) +
    paragraphStyle('ServiceSpecTableText', {
      basedOn: 'Normal',
      pPr: '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>',
      rPr: '<w:sz w:val="20"/><w:szCs w:val="20"/>',
    }) +
    paragraphStyle('CommentText', {
      basedOn: 'Normal',
      priority: 99,
      pPr: '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>',
      rPr: '<w:sz w:val="20"/><w:szCs w:val="20"/>',
    }) +
    paragraphStyle('Footer', {
      basedOn: 'Normal',
      priority: 99,
      pPr: '<w:spacing w:after="0"/>',
      rPr: '<w:color w:val="595959"/><w:sz w:val="16"/><w:szCs w:val="16"/>',
    }) +
    characterStyle('CommentReference', '<w:sz w:val="16"/><w:szCs w:val="16"/>') +
    characterStyle('Hyperlink', '<w:color w:val="0563C1"/><w:u w:val="single"/>') +
    characterStyle('HTMLCode', `${fonts(MONO)}<w:sz w:val="20"/><w:szCs w:val="20"/>`) +
    characterStyle('Strong', '<w:b/><w:bCs/>', 22) +
    '<w:style w:type="character" w:styleId="ServiceSpecSummaryTitle"><w:name w:val="Service Spec Summary Title"/><w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/>' +
    `<w:rPr><w:b/><w:bCs/><w:color w:val="${ACCENT}"/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style>` +
    tableStyle('ServiceSpecFrontMatterTable', { firstCol: true }) +
    tableStyle('ServiceSpecFields', { firstCol: true }) +
    tableStyle('ServiceSpecWorkload', { firstRow: true }) +
    tableStyle('ServiceSpecSummaryTable', { firstRow: true, lastRow: true }) +
    tableStyle('ServiceSpecTable', { firstRow: true }) +
    '</w:styles>'
  );
}

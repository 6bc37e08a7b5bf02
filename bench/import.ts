/**
 * `npm run bench:import`: Word import of a generated document at two sizes, to show the time grows in
 * proportion. The full size is about 200 pages: 1,000 obligation paragraphs (some typed-numbered, some
 * lead-ins with lists, dates and funding named in the words), 1,500 prose paragraphs, tables, tracked
 * changes and 300 comments (a third with threaded replies), built as OOXML and zipped with fflate.
 * Target: the full document in under 2 s.
 */
import { strToU8, zipSync } from 'fflate';
import { defaultConfig } from '../server/src/core/config.js';
import { importDocx } from '../server/src/word/index.js';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"';
const WORDS = (
  'network practice patient review clinician pharmacist resident home care plan record report commissioner ' +
  'service team session appointment referral medicine data audit month week quarter year local national ' +
  'support training staff time list search code template alliance hospital discharge community frailty risk'
).split(' ');
const MONTHS = ['January', 'March', 'April', 'June', 'September', 'October', 'December'];
const SOURCES = ['Additional Roles Reimbursement Scheme', 'Care Home Premium', 'Investment and Impact Fund', 'core PCN funding'];

/** A small deterministic generator (the same document on every run). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

interface Doc {
  parts: Record<string, Uint8Array>;
  xmlBytes: number;
}

function generate(scale: number): Doc {
  const rand = rng(42);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
  const words = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const run = (t: string) => `<w:r><w:t xml:space="preserve">${esc(t)}</w:t></w:r>`;
  const body: string[] = [];
  const comments: string[] = [];
  const extended: string[] = [];
  const obligations = 1000 * scale;
  const commentsWanted = 300 * scale;
  let written = 0;
  let commentId = 0;
  let section = 0;
  const comment = (text: string, parent?: string) => {
    const id = commentId++;
    const paraId = (0x10000000 + id).toString(16).toUpperCase();
    comments.push(
      `<w:comment w:id="${id}" w:author="Reviewer ${id % 7}" w:date="2020-01-${String((id % 28) + 1).padStart(2, '0')}T10:00:00Z"><w:p w14:paraId="${paraId}">${run(text)}</w:p></w:comment>`,
    );
    extended.push(`<w15:commentEx w15:paraId="${paraId}"${parent ? ` w15:paraIdParent="${parent}"` : ''} w15:done="${id % 5 === 0 ? 1 : 0}"/>`);
    return { id, paraId };
  };
  body.push(`<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr>${run('Generated Service Specification')}</w:p>`);
  while (written < obligations) {
    if (written % 25 === 0) body.push(`<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr>${run(`Section ${++section}: ${words(3)}`)}</w:p>`);
    const date = rand() < 0.6 ? ` by ${1 + Math.floor(rand() * 28)} ${pick(MONTHS)} ${2020 + Math.floor(rand() * 3)}` : '';
    const funded = rand() < 0.3 ? `, funded from the ${pick(SOURCES)},` : '';
    const typed = written % 10 === 3 ? `${written + 1000}.${1 + (written % 4)} ` : '';
    const text = `${typed}The ${words(2)} must ${words(12)}${funded} ${words(8)}${date}.`;
    if (commentId < commentsWanted * 1.5 && written % Math.max(1, Math.floor(obligations / commentsWanted)) === 0) {
      const c = comment(`Object: ${words(15)}.`);
      if (c.id % 3 === 0) comment(`Reply: ${words(10)}.`, c.paraId);
      body.push(
        `<w:p><w:commentRangeStart w:id="${c.id}"/>${run(text)}<w:commentRangeEnd w:id="${c.id}"/><w:r><w:commentReference w:id="${c.id}"/></w:r></w:p>`,
      );
    } else if (written % 7 === 0) {
      body.push(
        `<w:p>${run(`The ${words(2)} must `)}<w:del w:id="9${written}" w:author="E" w:date="2020-01-01T00:00:00Z"><w:r><w:delText>${words(3)} </w:delText></w:r></w:del><w:ins w:id="8${written}" w:author="E" w:date="2020-01-01T00:00:00Z">${run(`${words(3)} `)}</w:ins>${run(`${words(10)}${date}.`)}</w:p>`,
      );
    } else if (written % 50 === 10) {
      body.push(`<w:p>${run(`The ${words(2)} is required to:`)}</w:p>`);
      for (let k = 0; k < 3; k++) body.push(`<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>${run(`${words(8)};`)}</w:p>`);
      written += 2;
    } else body.push(`<w:p>${run(text)}</w:p>`);
    written++;
    for (let k = 0; k < 1.5; k += 1) if (rand() < 0.75) body.push(`<w:p>${run(`${words(40)}.`)}</w:p>`);
    if (written % 25 === 24) {
      const row = () => `<w:tr>${[0, 1, 2].map(() => `<w:tc><w:p>${run(words(2))}</w:p></w:tc>`).join('')}</w:tr>`;
      body.push(`<w:tbl>${row()}${row()}${row()}</w:tbl>`);
    }
  }
  const xml: Record<string, string> = {
    '[Content_Types].xml':
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
    '_rels/.rels':
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="r2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>',
    'docProps/core.xml':
      '<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"><dc:title>Generated Service Specification</dc:title><dcterms:modified>2019-12-23T10:00:00Z</dcterms:modified></cp:coreProperties>',
    'word/styles.xml': `<?xml version="1.0"?><w:styles ${W}><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style></w:styles>`,
    'word/numbering.xml': `<?xml version="1.0"?><w:numbering ${W}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`,
    'word/document.xml': `<?xml version="1.0"?><w:document ${W}><w:body>${body.join('')}<w:sectPr/></w:body></w:document>`,
    'word/comments.xml': `<?xml version="1.0"?><w:comments ${W}>${comments.join('')}</w:comments>`,
    'word/commentsExtended.xml': `<?xml version="1.0"?><w15:commentsEx xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml">${extended.join('')}</w15:commentsEx>`,
  };
  const parts: Record<string, Uint8Array> = {};
  let xmlBytes = 0;
  for (const [k, v] of Object.entries(xml)) {
    parts[k] = strToU8(v);
    xmlBytes += parts[k].length;
  }
  return { parts, xmlBytes };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const config = defaultConfig().config;
const rows: { label: string; ms: number; min: number; requirements: number }[] = [];
const sizes: [string, number][] = [
  ['100 pages', 0.5],
  ['200 pages', 1],
];
if (process.argv.includes('--more')) sizes.push(['400 pages', 2], ['800 pages', 4]);
for (const [label, scale] of sizes) {
  const doc = generate(scale);
  const bytes = zipSync(doc.parts, { level: 6 });
  const times: number[] = [];
  let result = importDocx(bytes, { config, sourceName: 'generated.docx' });
  for (let i = 0; i < 3; i++) importDocx(bytes, { config, sourceName: 'generated.docx' });
  for (let i = 0; i < 9; i++) {
    const t0 = performance.now();
    result = importDocx(bytes, { config, sourceName: 'generated.docx' });
    times.push(performance.now() - t0);
  }
  const r = result.report;
  const ms = median(times);
  rows.push({ label, ms, min: Math.min(...times), requirements: r.requirements.length });
  console.log(
    `${label}: ${(bytes.length / 1024).toFixed(0)} KB .docx (${(doc.xmlBytes / 1024 / 1024).toFixed(1)} MB of XML), ` +
      `${r.requirements.length} requirements, ${r.notes.length} notes (${r.notes.reduce((n, x) => n + x.replies, 0)} replies), ` +
      `${r.trackedChanges} tracked changes, ${result.specText.split('\n').length} spec lines: ` +
      `import ${ms.toFixed(0)} ms (median of 9 after 3 warm-up runs; min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)})`,
  );
}
const [half, full] = rows as [(typeof rows)[0], (typeof rows)[0]];
console.log(
  `Twice the document: ${(full.ms / half.ms).toFixed(2)} times the median time, ${(full.min / half.min).toFixed(2)} times the fastest (linear: 2). ` +
    `200 pages in ${full.ms.toFixed(0)} ms: ${full.ms < 2000 ? 'within' : 'over'} the 2 s target.`,
);

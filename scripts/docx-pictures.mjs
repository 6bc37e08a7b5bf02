// The pictures of the Word output in docs/images: the redline of the EHCH draft against the final
// (docs/images/redline.png) and the review document of the draft with its LMC's notes
// (docs/images/review-docx.png), each written by the tools, rendered by LibreOffice (headless, PDF) and
// turned into PNG by pdftoppm (poppler-utils). Run `npm run compile` first: this uses the compiled tools.
//
//   node scripts/docx-pictures.mjs
//
// LibreOffice shows comments in the page margin of a PDF from version 7.5 (ExportNotesInMargin, set here);
// earlier versions mark each comment with a note icon where it is anchored.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const { runRedline, runReviewDocx } = await import(pathToFileURL(join(root, 'out/server/src/node/export.js')).href);

const work = mkdtempSync(join(tmpdir(), 'service-spec-pictures-'));
const must = (what, r) => {
  if (r.error || r.status !== 0) {
    console.error(`${what} failed: ${r.error?.message ?? ''}${r.stderr ?? ''}`);
    process.exit(1);
  }
};

try {
  const before = process.cwd();
  process.chdir(root);
  const redline = join(work, 'ehch.redline.docx');
  const review = join(work, 'ehch.review.docx');
  runRedline('samples/2019-12-draft/ehch.spec.md', 'samples/2020-03-final/ehch.spec.md', { out: redline });
  runReviewDocx('samples/2019-12-draft/ehch.spec.md', { out: review });
  process.chdir(before);

  // A private LibreOffice profile: comments exported (in the margin where LibreOffice can), nothing else changed.
  const profile = join(work, 'profile');
  mkdirSync(join(profile, 'user'), { recursive: true });
  writeFileSync(
    join(profile, 'user', 'registrymodifications.xcu'),
    `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Filter/PDF/Export"><prop oor:name="ExportNotes" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Filter/PDF/Export"><prop oor:name="ExportNotesInMargin" oor:op="fuse"><value>true</value></prop></item>
</oor:items>
`,
  );
  must(
    'soffice',
    spawnSync(
      'soffice',
      ['--headless', '--norestore', `-env:UserInstallation=${pathToFileURL(profile).href}`, '--convert-to', 'pdf', '--outdir', work, redline, review],
      {
        encoding: 'utf8',
      },
    ),
  );
  mkdirSync(join(root, 'docs/images'), { recursive: true });
  // Page 1 of the redline (front-matter, introduction, EHCH-1, EHCH-2); page 2 of the review (EHCH-3 and its objections).
  for (const [pdf, page, png] of [
    ['ehch.redline.pdf', 1, 'redline'],
    ['ehch.review.pdf', 2, 'review-docx'],
  ]) {
    const out = join(work, png);
    must(
      'pdftoppm',
      spawnSync('pdftoppm', ['-png', '-r', '80', '-f', String(page), '-l', String(page), '-singlefile', join(work, pdf), out], { encoding: 'utf8' }),
    );
    copyFileSync(`${out}.png`, join(root, 'docs/images', `${png}.png`));
    console.log(`wrote docs/images/${png}.png`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

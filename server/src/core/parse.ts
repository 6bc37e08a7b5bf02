/**
 * `parseSpec`: text → SpecModel. Front-matter first, then the Markdown body (chunked and cached, see
 * markdown.ts), then requirements assembled from the top-level blocks. Never throws.
 */
import type { Requirement, Section, SpecModel } from './model.js';
import { readFrontMatter } from './frontMatter.js';
import { ChunkCache, parseBody, type BlockSummary } from './markdown.js';
import { stripBom } from './text.js';

export interface ParseOptions {
  /** Reuse chunk parses from earlier versions of the same document (the language server keeps one per document). */
  cache?: ChunkCache;
  /** Parse the body as one piece: the naive baseline, and the reference in differential tests. */
  whole?: boolean;
}

export { ChunkCache };

export function parseSpec(input: string, options: ParseOptions = {}): SpecModel {
  const text = stripBom(input);
  const { frontMatter, bodyStart } = readFrontMatter(text);
  const { blocks, limits } = parseBody(text, bodyStart, { cache: options.cache, whole: options.whole });
  const { sections, requirements } = assemble(blocks, text);
  return { text, frontMatter, sections, requirements, markdownLimits: limits };
}

function assemble(blocks: BlockSummary[], text: string): { sections: Section[]; requirements: Requirement[] } {
  const sections: Section[] = [];
  const requirements: Requirement[] = [];
  /** Open non-requirement headings, outermost first. */
  const stack: Section[] = [];
  let current: Requirement | undefined;
  for (const block of blocks) {
    if (block.kind === 'heading') {
      const req = block.requirement && block.depth >= 2 && block.depth <= 4 ? block.requirement : undefined;
      if (current && (req || block.depth <= current.depth)) current = undefined;
      while (stack.length && stack[stack.length - 1]!.depth >= block.depth) stack.pop();
      if (req) {
        current = {
          id: req.id,
          title: req.title,
          depth: block.depth,
          headingRange: block.range,
          idRange: req.idRange,
          titleRange: req.titleRange,
          range: { start: block.range.start, end: block.range.end },
          section: stack.length ? stack[stack.length - 1]!.title : undefined,
          fields: [],
          workload: [],
          prose: [{ text: text.slice(req.titleRange.start, req.titleRange.end), offset: req.titleRange.start }],
        };
        requirements.push(current);
      } else {
        const section: Section = { title: block.text, depth: block.depth, headingRange: block.range };
        stack.push(section);
        if (!current) sections.push(section);
        else current.range.end = block.range.end;
      }
      continue;
    }
    if (!current) continue;
    current.range.end = block.range.end;
    if (block.fields.length) current.fields.push(...block.fields);
    if (block.workload.length) current.workload.push(...block.workload);
    if (block.prose.length) current.prose.push(...block.prose);
  }
  return { sections, requirements };
}

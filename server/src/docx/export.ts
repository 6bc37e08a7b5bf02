/** The publication document of a spec as a Word document. */
import type { SpecModel } from '../core/model.js';
import type { Block, Publication } from './model.js';
import { buildPublication, type CostBasis } from './publication.js';
import { renderDocx, type RenderOptions } from './render.js';

export type { CostBasis };

/** Render options shared by the export, the review document and the redline. */
export function documentOptions(spec: SpecModel, pub: Publication): RenderOptions {
  const v = spec.frontMatter.values;
  return {
    title: pub.title,
    ...(pub.published ? { date: pub.published } : {}),
    ...(v.owner ? { creator: v.owner } : {}),
    subject: [v.id, v.version, v.status].filter(Boolean).join(' · '),
    footer: [pub.title, v.version].filter(Boolean).join(', '),
  };
}

export function blocksOf(pub: Publication): Block[] {
  return pub.units.flatMap((u) => u.blocks);
}

/** `service-spec export --format docx`: title, front-matter table, sections, requirements, costs, summary. */
export function exportDocx(spec: SpecModel, basis: CostBasis): Uint8Array {
  const pub = buildPublication(spec, basis);
  return renderDocx(blocksOf(pub), documentOptions(spec, pub));
}

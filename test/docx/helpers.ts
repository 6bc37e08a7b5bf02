/** Shared inputs of the Word output tests: the samples' configuration, fixtures, parsed specs. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseConfig } from '../../server/src/core/config.js';
import type { SpecModel } from '../../server/src/core/model.js';
import { parseSpec } from '../../server/src/core/parse.js';
import { parseReview, type ReviewFile } from '../../server/src/core/review/sidecar.js';
import type { CostBasis } from '../../server/src/docx/publication.js';
import { ROOT } from '../helpers/golden.js';
import { bodyLines, readDocx } from './ooxml.js';

export const FIXTURES = path.join(ROOT, 'test/fixtures/docx');
export const SAMPLES = path.join(ROOT, 'samples');

export function samplesBasis(profile?: string): CostBasis {
  const loaded = parseConfig(fs.readFileSync(path.join(SAMPLES, 'service-spec.config.yaml'), 'utf8'), 'service-spec.config.yaml', { profile });
  return { config: loaded.config, profile: loaded.profile };
}

export function spec(file: string): SpecModel {
  return parseSpec(fs.readFileSync(path.isAbsolute(file) ? file : path.join(ROOT, file), 'utf8'));
}

export function sidecar(file: string): ReviewFile {
  return parseReview(fs.readFileSync(path.isAbsolute(file) ? file : path.join(ROOT, file), 'utf8'));
}

/** The body of a document as lines (paragraphs; table rows as `|cell\tcell`). */
export function lines(bytes: Uint8Array, mode: 'as-is' | 'accept' | 'reject' = 'as-is'): string[] {
  return bodyLines(readDocx(bytes).body, mode);
}

/** The sample pairs: the December 2019 draft and the March 2020 final of each spec. */
export const SAMPLE_PAIRS = ['ehch', 'smr', 'early-cancer-diagnosis'].map((id) => ({
  id,
  old: `samples/2019-12-draft/${id}.spec.md`,
  new: `samples/2020-03-final/${id}.spec.md`,
}));

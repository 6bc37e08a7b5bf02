/** `service-spec review`: every sidecar found, each note with its anchor in the spec it reviews. */
import * as path from 'node:path';
import { anchorsOf } from '../core/analyze.js';
import type { AnchorState } from '../core/review/anchor.js';
import type { ReviewFile } from '../core/review/sidecar.js';
import { ReadError, REVIEW_SUFFIX, expandPaths, findConfigFile, comparePaths } from './files.js';
import { nodeProject, type NodeProjectOptions as ProjectOptions, type Project } from './project.js';

export interface ReviewedNote {
  id: string;
  requirement: string;
  stance: string;
  status: string;
  anchor: AnchorState;
  currentRequirement: string | null;
  author?: string;
  created?: string;
  body?: string;
  replies: number;
}

export interface ReviewReport {
  file: string;
  spec: string | null;
  reviewer: string | null;
  /** The sidecar does not parse or fit the format, or its spec cannot be read. */
  malformed: boolean;
  problems: string[];
  notes: ReviewedNote[];
}

export interface ReviewResult {
  reviews: ReviewReport[];
  summary: {
    notes: number;
    open: number;
    resolved: number;
    withdrawn: number;
    ok: number;
    stale: number;
    orphaned: number;
    reanchored: number;
    byStance: Record<string, number>;
  };
  ioErrors: string[];
}

export function runReview(paths: string[], options: ProjectOptions = {}, project = nodeProject(options)): ReviewResult {
  const { groups, errors } = expandPaths(paths, [REVIEW_SUFFIX]);
  const reviews: ReviewReport[] = [];
  const ioErrors = [...errors];
  for (const { arg, isDirectory, files } of groups) {
    const group: ReviewReport[] = [];
    for (const file of files) {
      const abs = path.resolve(file);
      const review = project.review(abs);
      if (review instanceof ReadError) {
        ioErrors.push(review.message.replace(abs, file));
        continue;
      }
      const configPath = findConfigFile(path.dirname(abs));
      const root = configPath ? path.dirname(configPath) : path.resolve(isDirectory ? arg : path.dirname(arg));
      group.push(reportOf(file, review, project, abs, root));
    }
    group.sort((a, b) => comparePaths(a.file, b.file));
    reviews.push(...group);
  }
  const all = reviews.flatMap((r) => r.notes);
  const count = (f: (n: ReviewedNote) => boolean) => all.filter(f).length;
  const byStance: Record<string, number> = {};
  for (const n of all) byStance[n.stance] = (byStance[n.stance] ?? 0) + 1;
  return {
    reviews,
    summary: {
      notes: all.length,
      open: count((n) => n.status === 'open'),
      resolved: count((n) => n.status === 'resolved'),
      withdrawn: count((n) => n.status === 'withdrawn'),
      ok: count((n) => n.anchor === 'ok'),
      stale: count((n) => n.anchor === 'stale'),
      orphaned: count((n) => n.anchor === 'orphaned'),
      reanchored: count((n) => n.anchor === 'reanchored'),
      byStance,
    },
    ioErrors,
  };
}

function reportOf(file: string, review: ReviewFile, project: Project, abs: string, root: string): ReviewReport {
  const target = project.reviewTarget(abs, review, root);
  const model = target.specAbs ? project.spec(target.specAbs) : undefined;
  const spec = model && !(model instanceof ReadError) ? model : undefined;
  const anchors = anchorsOf(review, spec);
  const problems = review.problems.map((p) => p.message);
  if (target.problem) problems.push(target.problem);
  return {
    file,
    spec: review.spec ?? null,
    reviewer: review.reviewer ?? null,
    malformed: problems.length > 0,
    problems,
    notes: review.notes.map((n) => {
      const a = anchors.get(n)!;
      return {
        id: n.id,
        requirement: n.requirement,
        stance: n.stance,
        status: n.status,
        anchor: a.state,
        currentRequirement: a.currentRequirement ?? null,
        ...(n.author ? { author: n.author } : {}),
        ...(n.created ? { created: n.created } : {}),
        ...(n.body ? { body: n.body.trim() } : {}),
        replies: n.replies.length,
      };
    }),
  };
}

/** `--strict`: an open note that is stale or orphaned, or a malformed sidecar, fails the run. */
export function strictFailures(result: ReviewResult): number {
  return result.reviews.reduce(
    (n, r) => n + (r.malformed ? 1 : 0) + r.notes.filter((x) => x.status === 'open' && (x.anchor === 'stale' || x.anchor === 'orphaned')).length,
    0,
  );
}

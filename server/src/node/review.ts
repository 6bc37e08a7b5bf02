/**
 * `service-spec review`: every sidecar found (in folders, as named, or naming a spec given as an argument), each
 * note with its anchor in the spec it reviews.
 */
import * as path from 'node:path';
import { anchorsOf } from '../core/analyze.js';
import type { AnchorState } from '../core/review/anchor.js';
import type { ReviewFile } from '../core/review/sidecar.js';
import { ReadError, REVIEW_SUFFIX, expandPaths, comparePaths, isSpecFile } from './files.js';
import { nodeHost } from './host.js';
import { nodeProject, type NodeProjectOptions as ProjectOptions, type Project } from './project.js';

export interface ReviewedNote {
  id: string;
  requirement: string;
  stance: string;
  status: string;
  /** Where the note is anchored now; null when its spec cannot be read (the sidecar's problem says why). */
  anchor: AnchorState | null;
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

/** The files to review: sidecars as given or found in folders, and for a spec, the sidecars naming it. */
function reviewFiles(paths: string[], project: Project): { groups: { files: string[]; root: (abs: string) => string }[]; errors: string[] } {
  const groups: { files: string[]; root: (abs: string) => string }[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  const fresh = (files: string[]) =>
    files.filter((f) => {
      const abs = path.resolve(f);
      if (seen.has(abs)) return false;
      seen.add(abs);
      return true;
    });
  for (const arg of paths.length ? paths : ['.']) {
    if (isSpecFile(arg) && nodeHost.isFile(arg)) {
      // `review SPEC.spec.md`: the sidecars of its workspace whose `spec:` is this file.
      const specAbs = path.resolve(arg);
      const root = project.rootFor(specAbs);
      const found = project.reviewsFor(specAbs, root).map((r) => shownAs(r.file, arg));
      if (!found.length) errors.push(`no *${REVIEW_SUFFIX} file in ${shownAs(root, arg) || '.'} names ${arg} as its spec`);
      else groups.push({ files: fresh(found), root: () => root });
      continue;
    }
    const expanded = expandPaths([arg], [REVIEW_SUFFIX]);
    errors.push(...expanded.errors);
    for (const { isDirectory, files } of expanded.groups)
      groups.push({ files: fresh(files), root: (abs) => project.rootFor(abs, isDirectory ? arg : path.dirname(arg)) });
  }
  return { groups, errors };
}

/** A found file shown relative to the current folder when the argument it came from was relative. */
function shownAs(abs: string, arg: string): string {
  return path.isAbsolute(arg) ? abs : path.relative(process.cwd(), abs).split(path.sep).join('/');
}

export function runReview(paths: string[], options: ProjectOptions = {}, project = nodeProject(options)): ReviewResult {
  const { groups, errors } = reviewFiles(paths, project);
  const reviews: ReviewReport[] = [];
  const ioErrors = [...errors];
  for (const { files, root } of groups) {
    const group: ReviewReport[] = [];
    for (const file of files) {
      const abs = path.resolve(file);
      const review = project.review(abs);
      if (review instanceof ReadError) {
        ioErrors.push(review.message.replace(abs, file));
        continue;
      }
      group.push(reportOf(file, review, project, abs, root(abs)));
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
  // Without its spec a note cannot be anchored: say why (the problem) rather than calling every note orphaned.
  const anchors = spec ? anchorsOf(review, spec) : undefined;
  const problems = review.problems.map((p) => p.message);
  if (target.problem) problems.push(target.problem);
  return {
    file,
    spec: review.spec ?? null,
    reviewer: review.reviewer ?? null,
    malformed: problems.length > 0,
    problems,
    notes: review.notes.map((n) => {
      const a = anchors?.get(n);
      return {
        id: n.id,
        requirement: n.requirement,
        stance: n.stance,
        status: n.status,
        anchor: a?.state ?? null,
        currentRequirement: a?.currentRequirement ?? null,
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

/**
 * What the page shows, worked out from the session with the same core calls the CLI makes: findings as
 * `service-spec check` gives them (the spec's rules with its workspace and sidecars, the configuration's, each
 * sidecar's), costs as `service-spec cost` (`specCostReport`), notes as `service-spec review` (each note
 * anchored in the spec its sidecar names). Specs sharing a front-matter `id` are versions of one spec,
 * ordered by `published`, then `version`. No DOM here.
 */
import { anchorsOf, checkConfigFile, checkReviewFile, checkSpec } from '../../server/src/core/analyze.js';
import { defaultConfig, type LoadedConfig } from '../../server/src/core/config.js';
import { toLineColumn, type LineColumnDiagnostic, type Severity, type SpecDiagnostic } from '../../server/src/core/diagnostics.js';
import { specCostReport, type Assumptions } from '../../server/src/core/estimator/report.js';
import { field, type Requirement, type SpecModel } from '../../server/src/core/model.js';
import type { AnchorState } from '../../server/src/core/review/anchor.js';
import type { Reply, ReviewFile } from '../../server/src/core/review/sidecar.js';
import { isPlaceholder } from '../../server/src/core/rules/types.js';
import { LineIndex } from '../../server/src/core/text.js';
import { ReadError } from '../../server/src/project/host.js';
import { REVIEW_SUFFIX, SPEC_SUFFIX, type Project } from '../../server/src/project/project.js';
import * as path from './path.js';
import { ROOT, type ImportedDocx, type Session } from './session.js';

/** A finding as `service-spec check --format json` gives it (1-based, UTF-16 columns, end exclusive). */
export interface Finding extends LineColumnDiagnostic {
  /** The requirement the finding is in, if any. */
  requirement: string | null;
}

export interface NoteView {
  sidecar: string;
  sidecarShown: string;
  reviewer: string | null;
  id: string;
  requirement: string;
  /** Where the note is anchored now; null when its spec is not open. */
  anchor: AnchorState | null;
  currentRequirement: string | null;
  stance: string;
  status: string;
  author?: string;
  created?: string;
  body?: string;
  quote?: string;
  field?: string;
  replies: Reply[];
  /** A malformed sidecar is never rewritten: its notes cannot be replied to or resolved here. */
  editable: boolean;
}

export interface CostView {
  hoursPerPcn: number;
  costPerPcn: number;
  costPerPractice: number;
  costNational: number;
}

export interface RequirementView {
  id: string;
  title: string;
  section: string | null;
  line: number;
  /** The requirement's own text (its paragraphs as written, without the title and fields). */
  text: string[];
  /** Values as written; null when the field is missing. */
  deadline: string | null;
  funding: string | null;
  deliverability: string | null;
  /** What the reader is told is missing: the field is absent, empty or a placeholder (TBC…). */
  lacks: ('Deadline' | 'Funding' | 'Deliverability')[];
  findings: Finding[];
  notes: NoteView[];
  cost?: CostView & { unfunded: boolean };
}

export interface SidecarView {
  file: string;
  shown: string;
  reviewer: string | null;
  /** The spec it reviews (a path in the session), when open. */
  spec: string | null;
  specProblem?: string;
  malformed: boolean;
  findings: Finding[];
  notes: NoteView[];
  edited: boolean;
}

export interface ConfigView {
  file: string | null;
  shown: string;
  profile: string;
  profiles: string[];
  findings: Finding[];
  /** The active profile is not defined in this configuration: its base assumptions are used. */
  unknownProfile?: string;
  /** The configuration has errors: the CLI gives no figures under it, nor does the page. */
  costProblem?: string;
}

export interface SpecView {
  file: string;
  shown: string;
  /** The file name a download of it gets (`ehch.spec.md`). */
  name: string;
  imported?: ImportedDocx;
  id: string | null;
  title: string | null;
  version: string | null;
  published: string | null;
  status: string | null;
  model: SpecModel;
  loaded: LoadedConfig;
  findings: Finding[];
  /** Findings outside every requirement (front-matter, document structure). */
  documentFindings: Finding[];
  requirements: RequirementView[];
  /** Notes whose requirement is gone and that match nothing (orphaned). */
  unplacedNotes: NoteView[];
  notes: NoteView[];
  sidecars: SidecarView[];
  config: ConfigView;
  cost?: { total: CostView & { unfundedCostPerPcn: number }; assumptions: Assumptions };
  counts: Record<Severity, number>;
}

export interface SpecGroup {
  /** The spec id, or the file for a spec without one. */
  key: string;
  title: string;
  versions: SpecView[];
}

export interface PageView {
  groups: SpecGroup[];
  /** Sidecars whose spec is not open (or that are malformed). */
  looseSidecars: SidecarView[];
  /** The configuration files opened, with their findings. */
  configs: ConfigView[];
  profiles: string[];
  profile: string;
}

function toFindings(text: string, diagnostics: SpecDiagnostic[], model?: SpecModel): Finding[] {
  const lines = new LineIndex(text);
  return diagnostics.map((d) => ({ ...toLineColumn(lines, d), requirement: model ? (requirementAt(model, d.range.start)?.id ?? null) : null }));
}

function requirementAt(model: SpecModel, offset: number): Requirement | undefined {
  let found: Requirement | undefined;
  for (const r of model.requirements) if (r.range.start <= offset && offset < Math.max(r.range.end, r.headingRange.end)) found = r;
  return found;
}

function lacks(req: Requirement): RequirementView['lacks'] {
  const out: RequirementView['lacks'] = [];
  for (const label of ['Deadline', 'Funding', 'Deliverability'] as const) {
    const v = field(req, label)?.value ?? '';
    if (!v.trim() || isPlaceholder(v) || (label === 'Funding' && field(req, label)!.parts.some((p) => isPlaceholder(p.text)))) out.push(label);
  }
  return out;
}

const counts = (fs: Finding[]): Record<Severity, number> => {
  const c: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const f of fs) c[f.severity]++;
  return c;
};

/** Builds the page's view of the session (everything under the active profile). */
export function buildView(session: Session): PageView {
  const project = session.project();
  const sidecars = sidecarViews(session, project);
  const bySpec = new Map<string, SidecarView[]>();
  for (const s of sidecars) if (s.spec) bySpec.set(s.spec, [...(bySpec.get(s.spec) ?? []), s]);
  const specs: SpecView[] = [];
  for (const file of session.files([SPEC_SUFFIX])) {
    const v = specView(session, project, file, bySpec.get(file) ?? []);
    if (v) specs.push(v);
  }
  return {
    groups: groupVersions(specs),
    looseSidecars: sidecars.filter((s) => !s.spec),
    configs: session.configs().map((c) => configView(session, project, c).view),
    profiles: session.profiles(),
    profile: session.profile,
  };
}

function configView(session: Session, project: Project, configPath: string | undefined): { view: ConfigView; loaded: LoadedConfig } {
  const got = project.config(configPath);
  const loaded = got instanceof ReadError ? defaultConfig() : got;
  const view: ConfigView = {
    file: configPath ?? null,
    shown: configPath ? (session.shown.get(configPath) ?? path.basename(configPath)) : 'built-in defaults',
    profile: loaded.profile,
    profiles: loaded.profiles,
    findings: configPath ? toFindings(project.text(configPath), checkConfigFile(loaded)) : [],
  };
  if (loaded.unknownProfile) view.unknownProfile = loaded.unknownProfile;
  const first = loaded.problems.find((p) => p.severity === 'error');
  if (first && configPath) view.costProblem = `${view.shown} has errors (${first.message}); fix it to see costs`;
  return { view, loaded };
}

function specView(session: Session, project: Project, file: string, sidecars: SidecarView[]): SpecView | undefined {
  const model = project.spec(file);
  if (model instanceof ReadError) return undefined;
  const configPath = project.configPathFor(file);
  const { view: config, loaded } = configView(session, project, configPath);
  const root = project.rootFor(file, ROOT);
  const diagnostics = checkSpec(model, {
    config: loaded,
    workspace: project.workspace(root),
    dir: path.dirname(file),
    reviews: project.reviewsFor(file, root),
  });
  const findings = toFindings(model.text, diagnostics, model);
  // Which requirement each finding is in, by position (two requirements may share an id).
  const holder = diagnostics.map((d) => requirementAt(model, d.range.start));
  const notes = sidecars.flatMap((s) => s.notes);
  const report = config.costProblem || config.unknownProfile ? undefined : specCostReport(file, model, loaded, configPath ?? null);
  const lines = new LineIndex(model.text);
  const requirements = model.requirements.map((r, i): RequirementView => {
    const c = report?.requirements[i];
    return {
      id: r.id,
      title: r.title,
      section: r.section ?? null,
      line: lines.positionAt(r.headingRange.start).line + 1,
      text: r.prose.slice(1).map((p) => p.text),
      deadline: field(r, 'deadline')?.value ?? null,
      funding: field(r, 'funding')?.value ?? null,
      deliverability: field(r, 'deliverability')?.value ?? null,
      lacks: lacks(r),
      findings: findings.filter((_, k) => holder[k] === r),
      notes: notes.filter((n) => (n.currentRequirement ?? (n.anchor === 'stale' ? n.requirement : null)) === r.id),
      ...(c
        ? {
            cost: {
              hoursPerPcn: c.hoursPerPcn,
              costPerPcn: c.costPerPcn,
              costPerPractice: c.costPerPractice,
              costNational: c.costNational,
              unfunded: c.unfunded,
            },
          }
        : {}),
    };
  });
  const fm = model.frontMatter.values;
  const imported = session.importOf(file);
  return {
    file,
    shown: session.shown.get(file) ?? path.basename(file),
    name: path.basename(file),
    ...(imported ? { imported } : {}),
    id: fm.id ?? null,
    title: fm.title ?? null,
    version: fm.version ?? null,
    published: fm.published ?? null,
    status: fm.status ?? null,
    model,
    loaded,
    findings,
    documentFindings: findings.filter((f) => f.requirement === null),
    requirements,
    unplacedNotes: notes.filter((n) => !requirements.some((r) => r.notes.includes(n))),
    notes,
    sidecars,
    config,
    ...(report ? { cost: { total: report.total, assumptions: report.assumptions } } : {}),
    counts: counts(findings),
  };
}

function sidecarViews(session: Session, project: Project): SidecarView[] {
  const out: SidecarView[] = [];
  for (const file of session.files([REVIEW_SUFFIX])) {
    const review = project.review(file);
    if (review instanceof ReadError) continue;
    const root = project.rootFor(file, ROOT);
    const target = project.reviewTarget(file, review, root);
    const model = target.specAbs ? project.spec(target.specAbs) : undefined;
    const spec = model && !(model instanceof ReadError) ? model : undefined;
    const got = project.config(project.configPathFor(file));
    const config = got instanceof ReadError || got.problems.some((p) => p.severity === 'error') ? defaultConfig() : got;
    const shown = session.shown.get(file) ?? path.basename(file);
    const view: SidecarView = {
      file,
      shown,
      reviewer: review.reviewer ?? null,
      spec: spec ? target.specAbs! : null,
      ...(target.problem ? { specProblem: target.problem } : {}),
      malformed: review.malformed,
      findings: toFindings(review.text, checkReviewFile(review, spec, target.problem, { config })),
      notes: notesOf(file, shown, review, spec),
      edited: session.edited(file),
    };
    out.push(view);
  }
  return out;
}

function notesOf(file: string, shown: string, review: ReviewFile, spec: SpecModel | undefined): NoteView[] {
  const anchors = spec ? anchorsOf(review, spec) : undefined;
  return review.notes.map((n) => {
    const a = anchors?.get(n);
    return {
      sidecar: file,
      sidecarShown: shown,
      reviewer: review.reviewer ?? null,
      id: n.id,
      requirement: n.requirement,
      anchor: a?.state ?? null,
      currentRequirement: a?.currentRequirement ?? null,
      stance: n.stance,
      status: n.status,
      ...(n.author ? { author: n.author } : {}),
      ...(n.created ? { created: n.created } : {}),
      ...(n.body ? { body: n.body.trim() } : {}),
      ...(n.quote ? { quote: n.quote } : {}),
      ...(n.field ? { field: n.field } : {}),
      replies: n.replies,
      editable: !review.malformed,
    };
  });
}

/** Specs with the same front-matter id are versions of one spec: by `published`, then `version`. */
export function groupVersions(specs: SpecView[]): SpecGroup[] {
  const groups = new Map<string, SpecGroup>();
  for (const s of specs) {
    const key = s.id ?? s.file;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { key, title: s.title ?? s.id ?? s.shown, versions: [] }));
    g.versions.push(s);
  }
  for (const g of groups.values()) {
    g.versions.sort((a, b) => cmp(a.published ?? '', b.published ?? '') || cmp(a.version ?? '', b.version ?? '') || cmp(a.file, b.file));
    const newest = g.versions[g.versions.length - 1]!;
    g.title = newest.title ?? newest.id ?? newest.shown;
  }
  return [...groups.values()].sort((a, b) => cmp(a.title.toLowerCase(), b.title.toLowerCase()) || cmp(a.key, b.key));
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

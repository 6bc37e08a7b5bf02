/**
 * The consultation ledger's data: what goes in (the versions of a spec set, oldest first, each spec with its
 * own configuration, each sidecar with the spec it reviews) and what comes out (threads following each
 * requirement through the versions, the notes joined to them with their outcome, the summaries).
 */
import type { ServiceSpecConfig } from '../config.js';
import type { Change, FieldChange, SpecDiff } from '../diff/diff.js';
import type { SpecModel } from '../model.js';
import type { AnchorState } from '../review/anchor.js';
import type { ReviewFile, Stance, NoteStatus } from '../review/sidecar.js';

/** One spec of one version, with the configuration it is costed under. */
export interface LedgerSpecInput {
  /** The path shown for it (relative paths stay relative; `REV:path` for a git revision). */
  file: string;
  model: SpecModel;
  config: ServiceSpecConfig;
}

/** A well-formed sidecar of one version and the spec (of the same version) it reviews. */
export interface LedgerSidecarInput {
  file: string;
  review: ReviewFile;
  /** Index into the version's `specs`. */
  spec: number;
}

export interface LedgerVersionInput {
  /** The PATH (or `REV:PATH`) the version was read from. */
  path: string;
  specs: LedgerSpecInput[];
  sidecars: LedgerSidecarInput[];
}

/** The change a history entry records: the version diff's changes, `present` in the first version, `removed` at the end. */
export type EntryChange = 'present' | Change;

export interface HistoryEntry {
  /** The spec's front-matter version (null when it has none, or when the whole spec is gone). */
  version: string | null;
  /** The requirement's id in that version; null once removed. */
  id: string | null;
  change: EntryChange;
  /** The ISO deadline, else null (`ongoing`, missing, invalid). */
  deadline: string | null;
  /** Funding ids as written (`["none"]` when explicitly unfunded, `[]` when missing); null once removed. */
  funding: string[] | null;
  rating: 'green' | 'amber' | 'red' | null;
  /** Cost per practice a year under that version's own configuration; null once removed. */
  costPerPractice: number | null;
  /** Not in the JSON: the ledger version this entry belongs to (index into `versions`). */
  versionIndex: number;
  /** Not in the JSON: the field changes against the previous version (the version diff's labels). */
  fields: FieldChange[];
  /** Not in the JSON: whether the requirement moved (section, or order within it) against the previous version. */
  moved: boolean;
  /** Not in the JSON: the requirement's title in that version ('' once removed). */
  title: string;
}

export type Outcome = 'changed' | 'removed' | 'unchanged' | 'unanchored';
export const OUTCOMES: readonly Outcome[] = ['changed', 'removed', 'unchanged', 'unanchored'];

export interface LedgerNote {
  sidecar: string;
  reviewer: string | null;
  id: string;
  stance: Stance;
  status: NoteStatus;
  /** The front-matter version of the spec the note was written against. */
  version: string | null;
  /** The requirement as written in the note. */
  requirement: string;
  /** Where the note is anchored in its own version (null when stale or orphaned there). */
  currentRequirement: string | null;
  outcome: Outcome;
  /** Not in the JSON: the note's anchor state in its own version. */
  anchor: AnchorState;
  /** Not in the JSON: the ledger version of the note. */
  versionIndex: number;
  /** Not in the JSON: the note's quote, when it has one. */
  quote?: string;
  /** Not in the JSON: the note's body. */
  body?: string;
}

export interface LedgerThread {
  /** The spec id (or, for a spec without one, its file name). */
  spec: string;
  /** The id in the latest version holding it, with `@version` when an older thread's id was reused. */
  key: string;
  history: HistoryEntry[];
  notes: LedgerNote[];
}

export interface OutcomeCounts {
  changed: number;
  removed: number;
  unchanged: number;
  unanchored: number;
}

export interface ReviewerCounts extends OutcomeCounts {
  notes: number;
  objections: number;
}

export interface VersionSummary {
  version: string | null;
  added: number;
  removed: number;
  modified: number;
  renumbered: number;
  costDeltaPerPractice: number;
}

export interface LedgerSummary {
  notes: number;
  outcomes: OutcomeCounts;
  objections: OutcomeCounts;
  byReviewer: Record<string, ReviewerCounts>;
  versions: VersionSummary[];
}

export interface LedgerVersion {
  path: string;
  /** The specs' common front-matter version, null when they differ. */
  version: string | null;
  /** Not in the JSON: the latest front-matter `published` date of its specs (a document's date). */
  published: string | null;
}

export interface Ledger {
  versions: LedgerVersion[];
  threads: LedgerThread[];
  /** Notes stale or orphaned in their own version: they join no thread. */
  unanchored: LedgerNote[];
  summary: LedgerSummary;
  /** Not in the JSON: per version after the first, the version diff of each spec against the previous version. */
  diffs: SpecDiff[][];
  /** Not in the JSON: per version, cost per practice of each spec present (by spec id), for the chart. */
  costs: Map<string, number>[];
}

/**
 * The `serviceSpec/*` requests and notifications between the language server and its clients: their
 * params and results, and the typed RequestType / NotificationType objects both sides register and send.
 *
 * The VS Code client imports this file, so it imports nothing but vscode-languageserver-protocol (which the
 * client's bundle maps to the copy vscode-languageclient already carries): no server code reaches the client.
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';

/** 0-based line and UTF-16 character. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface UriParams {
  uri: string;
}

// --- costs ---------------------------------------------------------------------------------------------

/** What the client's status item shows for a spec, sent after each analysis. */
export interface CostSummary {
  uri: string;
  profile: string;
  profiles: string[];
  costPerPcn: number;
  costPerPractice: number;
  unfundedCostPerPcn: number;
}

export const CostSummaryNotification = new NotificationType<CostSummary>('serviceSpec/costSummary');

export interface ProfilesResult {
  active: string;
  profiles: string[];
  /** The configuration file defining them, or null for the built-in defaults. */
  config: string | null;
}

/** Profiles of the configuration that applies to a document (the client's "switch profile" command). */
export const ProfilesRequest = new RequestType<UriParams, ProfilesResult, void>('serviceSpec/profiles');

// --- views -------------------------------------------------------------------------------------------

export interface PreviewResult {
  /** The document version the preview shows. */
  version: number;
  /** Escaped HTML body (requirement cards with `data-offset`). */
  html: string;
  /** 1 when the document starts with a byte-order mark: add it to `data-offset` to get a document offset. */
  bom: number;
}

export const PreviewRequest = new RequestType<UriParams, PreviewResult | null, void>('serviceSpec/preview');

/** Exactly one of `otherUri` (another spec file) and `rev` (a git revision of this file). */
export interface CompareParams {
  uri: string;
  otherUri?: string;
  rev?: string;
}

export interface CompareResult {
  html: string;
  bom: number;
}

export const CompareRequest = new RequestType<CompareParams, CompareResult, void>('serviceSpec/compare');

// --- reviews -----------------------------------------------------------------------------------------

export type Stance = 'object' | 'concern' | 'question' | 'support' | 'comment';
export type NoteStatus = 'open' | 'resolved' | 'withdrawn';
export type AnchorState = 'ok' | 'reanchored' | 'stale' | 'orphaned';

export interface ReviewThread {
  /** URI of the sidecar holding the note. */
  sidecar: string;
  reviewer: string | null;
  id: string;
  requirement: string;
  currentRequirement: string | null;
  anchor: AnchorState;
  stance: Stance;
  status: NoteStatus;
  author: string | null;
  created: string | null;
  body: string;
  quote: string | null;
  replies: { author?: string; created?: string; body?: string }[];
  /** The heading of the requirement the note is anchored to now. */
  range: Range;
}

/** Every note on a spec, with where it is anchored now. */
export const ReviewThreadsRequest = new RequestType<UriParams, ReviewThread[], void>('serviceSpec/review/threads');

export interface RequirementAtParams {
  uri: string;
  position: Position;
}

export interface RequirementAtResult {
  id: string;
  title: string;
}

/** The requirement the cursor is in (for "Add review note"). */
export const RequirementAtRequest = new RequestType<RequirementAtParams, RequirementAtResult | null, void>('serviceSpec/requirementAt');

export interface AddNoteParams {
  /** The spec. */
  uri: string;
  requirement: string;
  stance: Stance;
  body: string;
  author?: string;
  reviewer?: string;
  quote?: string;
}

export interface AddNoteResult {
  sidecar: string;
  id: string;
}

/** Adds a note to the spec's sidecar (created next to the spec when there is none). */
export const AddNoteRequest = new RequestType<AddNoteParams, AddNoteResult, void>('serviceSpec/review/addNote');

export interface ReplyParams {
  sidecar: string;
  id: string;
  body: string;
  author?: string;
}

export const ReplyRequest = new RequestType<ReplyParams, null, void>('serviceSpec/review/reply');

export interface SetStatusParams {
  sidecar: string;
  id: string;
  status: NoteStatus;
}

export const SetStatusRequest = new RequestType<SetStatusParams, null, void>('serviceSpec/review/setStatus');

// --- Word documents and the ledger ------------------------------------------------------------------

/** What a write did: `written`, or `exists` (nothing was written: ask the user, then send again with `force`). */
export type WriteResult<T> = ({ status: 'written' } & T) | { status: 'exists'; files: string[] };

export interface ImportWordParams {
  /** URI of the .docx. */
  file: string;
  /** URI of the folder to write ID.spec.md (and ID.review.yaml) into. */
  outDir: string;
  force?: boolean;
}

export interface ImportWordWritten {
  /** URIs of the files written. */
  spec: string;
  review: string | null;
  /** `service-spec import`'s text summary. */
  summary: string;
  warnings: string[];
}

/** `service-spec import` from the editor: the configuration found from `outDir`, files written atomically. */
export const ImportWordRequest = new RequestType<ImportWordParams, WriteResult<ImportWordWritten>, void>('serviceSpec/importWord');

export interface ExportWordParams {
  /** The spec. */
  uri: string;
  /** URI of the document to write. */
  out: string;
  force?: boolean;
}

/** The spec's publication as a Word document (`service-spec export --format docx`). */
export const ExportWordRequest = new RequestType<ExportWordParams, WriteResult<{ file: string }>, void>('serviceSpec/exportWord');

/** The publication with the spec's review notes as Word comments (`service-spec review --format docx`). */
export const ExportReviewWordRequest = new RequestType<ExportWordParams, WriteResult<{ file: string; notes: number }>, void>('serviceSpec/exportReviewWord');

/** Exactly one of `otherUri` and `rev`: the version compared (OLD); the spec `uri` is NEW. */
export interface SaveRedlineParams extends ExportWordParams {
  otherUri?: string;
  rev?: string;
}

/** NEW's publication with tracked changes against OLD (`service-spec diff OLD NEW --format docx`). */
export const SaveRedlineRequest = new RequestType<SaveRedlineParams, WriteResult<{ file: string }>, void>('serviceSpec/saveRedline');

export interface LedgerResult {
  /** The ledger page (`service-spec ledger --format html`): every text escaped, no script. */
  html: string;
  /** The versions it covers, oldest first. */
  versions: string[];
}

/** The consultation ledger of the versions of a spec found in the workspace. */
export const LedgerRequest = new RequestType<UriParams, LedgerResult, void>('serviceSpec/ledger');

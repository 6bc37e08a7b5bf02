/**
 * The language service: every editor feature as a function of the shared project model, the open documents
 * and the editor's settings, returning core types with offsets (no LSP here). The language server converts
 * positions and results at its edge (`lsp/convert.ts`); tests call it directly over a `MemoryHost`.
 *
 * One provider module per feature: diagnostics, hover, lenses, completion, fixes (code actions), symbols
 * (outline, folding, workspace symbols), navigation (definition, references, rename, links), preview
 * (preview, compare, profiles), reviews (threads, requirement at, writes), word (import, publication, review
 * document, redline), ledger (versions of a spec, history lines, the ledger page), settings.
 */
import type { SpecDiagnostic } from '../core/diagnostics.js';
import type { Range } from '../core/text.js';
import type { Project } from '../project/project.js';
import { completion, type CompletionItem } from './completion.js';
import { configDiagnostics, costTotals, sidecarDiagnostics, type CostTotals } from './diagnostics.js';
import { codeFixes, type CodeFix, type FixKinds } from './fixes.js';
import type { ServiceHost } from './host.js';
import { hover, type HoverResult } from './hover.js';
import { ledgerPage } from './ledger.js';
import { lenses, type Lens } from './lenses.js';
import { definition, documentLinks, prepareRename, references, rename, type DocumentLink, type FileRange } from './navigation.js';
import { compare, preview, profiles, type CompareWith } from './preview.js';
import { addNote, reply, requirementAt, setStatus, threads, type NewNoteRequest, type ReviewThread } from './reviews.js';
import type { Settings } from './settings.js';
import { documentSymbols, foldingRanges, workspaceSymbols, type SymbolNode, type WorkspaceSymbol } from './symbols.js';
import { exportReviewWord, exportWord, importWord, saveRedline, type WriteOutcome } from './word.js';
import type { ImportedFiles } from './host.js';
import { ServiceWorkspace, type ServiceDocuments, type SpecAnalysis, type WorkspaceOptions } from './workspace.js';

export { ServiceError, TargetExistsError, memoryServiceHost, type ServiceHost } from './host.js';
export { DEFAULT_SETTINGS, mergeSettings, readSettings, type Settings } from './settings.js';
export { ServiceWorkspace, isConfigPath, isReviewPath, isSpecPath, type OpenDocument, type ServiceDocuments, type SpecAnalysis } from './workspace.js';
export type { CodeFix, CompareWith, CompletionItem, CostTotals, DocumentLink, FileRange, FixKinds, HoverResult, Lens, NewNoteRequest, ReviewThread };
export type { ImportedFiles, SymbolNode, WorkspaceSymbol, WriteOutcome };
export type { FileEdit } from './fixes.js';

export interface LanguageServiceOptions extends WorkspaceOptions {
  project: Project;
  documents: ServiceDocuments;
  host: ServiceHost;
}

export class LanguageService {
  readonly workspace: ServiceWorkspace;
  private readonly host: ServiceHost;

  constructor(options: LanguageServiceOptions) {
    this.workspace = new ServiceWorkspace(options.project, options.documents, options);
    this.host = options.host;
  }

  // diagnostics
  /** An open spec's analysis (model, configuration, diagnostics, reviews) for its current text. */
  analyze(file: string, settings: Settings): SpecAnalysis | undefined {
    return this.workspace.analysisOf(file, settings);
  }
  sidecarDiagnostics(file: string, settings: Settings): SpecDiagnostic[] | undefined {
    return sidecarDiagnostics(this.workspace, file, settings);
  }
  configDiagnostics(configFile: string, settings: Settings): SpecDiagnostic[] {
    return configDiagnostics(this.workspace, configFile, settings);
  }
  costTotals(a: SpecAnalysis): CostTotals {
    return costTotals(this.workspace, a);
  }

  // reading help
  hover(file: string, offset: number, settings: Settings): HoverResult | undefined {
    return hover(this.workspace, file, offset, settings);
  }
  codeLenses(file: string, settings: Settings): Lens[] {
    return lenses(this.workspace, file, settings);
  }
  documentSymbols(file: string): SymbolNode[] {
    return documentSymbols(this.workspace, file);
  }
  foldingRanges(file: string): Range[] {
    return foldingRanges(this.workspace, file);
  }
  workspaceSymbols(query: string): WorkspaceSymbol[] {
    return workspaceSymbols(this.workspace, query);
  }

  // editing help
  completion(file: string, offset: number, settings: Settings): CompletionItem[] {
    return completion(this.workspace, file, offset, settings);
  }
  codeFixes(file: string, range: Range, kinds: FixKinds, settings: Settings): CodeFix[] {
    return codeFixes(this.workspace, file, range, kinds, settings);
  }

  // navigation across specs
  definition(file: string, offset: number): FileRange | undefined {
    return definition(this.workspace, file, offset);
  }
  references(file: string, offset: number, includeDeclaration: boolean): FileRange[] {
    return references(this.workspace, file, offset, includeDeclaration);
  }
  prepareRename(file: string, offset: number): { range: Range; placeholder: string } | undefined {
    return prepareRename(this.workspace, file, offset);
  }
  rename(file: string, offset: number, newName: string) {
    return rename(this.workspace, file, offset, newName);
  }
  documentLinks(file: string): DocumentLink[] {
    return documentLinks(this.workspace, file);
  }

  // views
  preview(file: string, settings: Settings): { version: number; html: string } | undefined {
    return preview(this.workspace, file, settings);
  }
  compare(file: string, other: CompareWith, settings: Settings): { html: string } {
    return compare(this.workspace, this.host, file, other, settings);
  }
  profiles(file: string, settings: Settings): { active: string; profiles: string[]; config: string | null } {
    return profiles(this.workspace, file, settings);
  }

  // reviews
  threads(file: string): ReviewThread[] {
    return threads(this.workspace, file);
  }
  requirementAt(file: string, offset: number): { id: string; title: string } | undefined {
    return requirementAt(this.workspace, file, offset);
  }
  addNote(specFile: string, note: NewNoteRequest): { sidecar: string; id: string } {
    return addNote(this.workspace, this.host, specFile, note);
  }
  reply(sidecar: string, id: string, body: string, author?: string): void {
    reply(this.workspace, this.host, sidecar, id, body, author);
  }
  setStatus(sidecar: string, id: string, status: ReviewThread['status']): void {
    setStatus(this.workspace, this.host, sidecar, id, status);
  }

  // Word documents (the CLI's import and document writers)
  importWord(docx: string, outDir: string, force: boolean): WriteOutcome<ImportedFiles> {
    return importWord(this.workspace, this.host, docx, outDir, force);
  }
  exportWord(file: string, out: string, force: boolean, settings: Settings): WriteOutcome<{ file: string }> {
    return exportWord(this.workspace, this.host, file, out, force, settings);
  }
  exportReviewWord(file: string, out: string, force: boolean, settings: Settings): WriteOutcome<{ file: string; notes: number }> {
    return exportReviewWord(this.workspace, this.host, file, out, force, settings);
  }
  saveRedline(file: string, other: CompareWith, out: string, force: boolean, settings: Settings): WriteOutcome<{ file: string }> {
    return saveRedline(this.workspace, this.host, file, other, out, force, settings);
  }

  // the consultation ledger
  ledgerPage(file: string, settings: Settings): { html: string; versions: string[] } {
    return ledgerPage(this.workspace, file, settings);
  }
}

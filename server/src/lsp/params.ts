/**
 * The shape of every request's and notification's params, checked before a handler runs: a client sending
 * something else gets InvalidParams (-32602) naming the field, never a JavaScript error from deep inside.
 * Only what the handlers read is checked; other fields pass through.
 */
import { z } from 'zod';
import { NOTE_STATUSES, STANCES } from '../core/review/sidecar.js';
import type {
  AddNoteParams,
  CompareParams,
  ExportWordParams,
  ImportWordParams,
  ReplyParams,
  SaveRedlineParams,
  RequirementAtParams,
  SetStatusParams,
  UriParams,
} from './protocol.js';

/** LSP `uinteger`. */
const uinteger = z
  .number()
  .int()
  .min(0)
  .max(2 ** 31 - 1);
const uri = z.string().min(1, 'expected a URI');
export const position = z.object({ line: uinteger, character: uinteger });
export const range = z.object({ start: position, end: position });
const textDocument = z.object({ uri });

export const textDocumentParams = z.object({ textDocument });
export const positionParams = z.object({ textDocument, position });
export const referenceParams = positionParams.extend({ context: z.object({ includeDeclaration: z.boolean() }) });
export const renameParams = positionParams.extend({ newName: z.string() });
export const codeActionParams = z.object({
  textDocument,
  range,
  context: z.object({ diagnostics: z.array(z.unknown()), only: z.array(z.string()).optional() }),
});
export const workspaceSymbolParams = z.object({ query: z.string() });

export const didOpenParams = z.object({ textDocument: z.object({ uri, languageId: z.string(), version: z.number().int(), text: z.string() }) });
export const didChangeParams = z.object({
  textDocument: z.object({ uri, version: z.number().int() }),
  // A change with a malformed range is refused, never read as a whole-text replacement.
  contentChanges: z.array(
    z.union([
      z.object({ range, rangeLength: uinteger.optional(), text: z.string() }),
      z.looseObject({ text: z.string() }).refine((c) => c.range === undefined, 'a change with a range needs a valid range'),
    ]),
  ),
});
export const didCloseParams = z.object({ textDocument: z.object({ uri }) });
const folders = z.array(z.object({ uri, name: z.string() }));
export const workspaceFoldersParams = z.object({ event: z.object({ added: folders, removed: folders }) });
export const configurationParams = z.object({ settings: z.unknown().optional() });
export const watchedFilesParams = z.object({ changes: z.array(z.object({ uri, type: z.union([z.literal(1), z.literal(2), z.literal(3)]) })) });

// --- serviceSpec/* (the types are declared in protocol.ts for the client; these must accept exactly them) --

export const uriParams = z.object({ uri }) satisfies z.ZodType<UriParams>;
export const compareParams = z
  .object({ uri, otherUri: uri.optional(), rev: z.string().min(1).max(256).optional() })
  .refine(
    (p) => (p.otherUri === undefined) !== (p.rev === undefined),
    'expected exactly one of otherUri (another file) and rev (a git revision)',
  ) satisfies z.ZodType<CompareParams>;
export const requirementAtParams = z.object({ uri, position }) satisfies z.ZodType<RequirementAtParams>;
const text = z.string().max(100_000);
export const addNoteParams = z.object({
  uri,
  requirement: z.string().min(1),
  stance: z.enum(STANCES),
  body: text.min(1, 'the note is empty'),
  author: text.optional(),
  reviewer: text.optional(),
  quote: text.optional(),
}) satisfies z.ZodType<AddNoteParams>;
export const replyParams = z.object({
  sidecar: uri,
  id: z.string().min(1),
  body: text.min(1, 'the reply is empty'),
  author: text.optional(),
}) satisfies z.ZodType<ReplyParams>;
export const setStatusParams = z.object({ sidecar: uri, id: z.string().min(1), status: z.enum(NOTE_STATUSES) }) satisfies z.ZodType<SetStatusParams>;

export const importWordParams = z.object({ file: uri, outDir: uri, force: z.boolean().optional() }) satisfies z.ZodType<ImportWordParams>;
export const exportWordParams = z.object({ uri, out: uri, force: z.boolean().optional() }) satisfies z.ZodType<ExportWordParams>;
export const saveRedlineParams = z
  .object({ uri, out: uri, force: z.boolean().optional(), otherUri: uri.optional(), rev: z.string().min(1).max(256).optional() })
  .refine(
    (p) => (p.otherUri === undefined) !== (p.rev === undefined),
    'expected exactly one of otherUri (another file) and rev (a git revision)',
  ) satisfies z.ZodType<SaveRedlineParams>;

/** One line naming each wrong field: `position.line: Too small: expected number to be >=0`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map(
      (i) => `${i.path.length ? i.path.join('.') : 'params'}: ${i.message.replace(/^Invalid input: /, '').replace(/, received undefined$/, ', found nothing')}`,
    )
    .join('; ');
}

/** Completion at an offset of an open spec: field labels, funding ids, requirement ids (here and across the workspace), values, snippets. */
import * as path from 'node:path';
import { complete, type CompletionItem } from '../core/features/completion.js';
import type { Settings } from './settings.js';
import type { ServiceWorkspace } from './workspace.js';

export type { CompletionItem };

export function completion(ws: ServiceWorkspace, file: string, offset: number, settings: Settings): CompletionItem[] {
  const model = ws.modelOf(file);
  if (!model) return [];
  const config = ws.configFor(file, settings);
  return complete(model, offset, { config: config.config, workspace: ws.indexOf(file), dir: ws.onDisk(file) ? path.dirname(file) : undefined });
}

/** Output formats of `service-spec check`: text (ESLint-like), json (docs/format.md, JSON output), sarif 2.1.0. */
import type { CheckedFile, CheckResult } from '../node/check.js';
import { toLineColumn, type LineColumnDiagnostic, type Severity } from '../core/diagnostics.js';
import { LineIndex } from '../core/text.js';
import { RULES } from '../core/rules/index.js';
import { ruleDoc } from '../node/paths.js';
import * as path from 'node:path';

export type JsonDiagnostic = LineColumnDiagnostic;

export interface JsonFile {
  file: string;
  diagnostics: JsonDiagnostic[];
}

/** 1-based lines and UTF-16 columns; end exclusive (docs/format.md, Files). */
export function toJsonFiles(result: CheckResult): JsonFile[] {
  return result.files.map((f) => {
    const lines = new LineIndex(f.text);
    return {
      file: f.file,
      diagnostics: f.diagnostics.map((d) => toLineColumn(lines, d)),
    };
  });
}

export function summary(files: JsonFile[]) {
  const count = (s: Severity) => files.reduce((n, f) => n + f.diagnostics.filter((d) => d.severity === s).length, 0);
  return { files: files.length, errors: count('error'), warnings: count('warning'), infos: count('info'), hints: count('hint') };
}

export function formatJson(result: CheckResult): string {
  const files = toJsonFiles(result);
  return JSON.stringify({ files, summary: summary(files) }, null, 2) + '\n';
}

const COLOURS: Record<Severity, string> = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', hint: '\x1b[2m' };

/** `file:line:col  severity  message  rule-id`, one per line, then a summary line. */
export function formatText(result: CheckResult, colour = false): string {
  const files = toJsonFiles(result);
  const paint = (s: Severity, t: string) => (colour ? `${COLOURS[s]}${t}\x1b[0m` : t);
  const dim = (t: string) => (colour ? `\x1b[2m${t}\x1b[0m` : t);
  const lines: string[] = [];
  for (const f of files) {
    for (const d of f.diagnostics) {
      lines.push(`${f.file}:${d.line}:${d.column}  ${paint(d.severity, d.severity.padEnd(7))}  ${d.message}  ${dim(d.code)}`);
    }
  }
  const s = summary(files);
  const problems = s.errors + s.warnings + s.infos + s.hints;
  const parts = [`${s.errors} error${s.errors === 1 ? '' : 's'}`, `${s.warnings} warning${s.warnings === 1 ? '' : 's'}`];
  if (s.infos) parts.push(`${s.infos} info`);
  if (s.hints) parts.push(`${s.hints} hint${s.hints === 1 ? '' : 's'}`);
  if (lines.length) lines.push('');
  lines.push(
    problems
      ? `${problems} problem${problems === 1 ? '' : 's'} (${parts.join(', ')}) in ${s.files} file${s.files === 1 ? '' : 's'}`
      : `No problems in ${s.files} file${s.files === 1 ? '' : 's'}`,
  );
  return lines.join('\n') + '\n';
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/**
 * SARIF 2.1.0 as GitHub code scanning accepts it: one run, rules carrying their documentation page as help
 * (text and Markdown; no link to a page on this machine), results with artifact URIs relative to the
 * folder the check ran in (forward slashes, `%SRCROOT%`) and UTF-16 columns. Nothing in it names a path
 * outside that folder's tree.
 */
export function formatSarif(result: CheckResult, options: { version: string; ruleDoc?: (id: string) => string | undefined }): string {
  const files = toJsonFiles(result);
  const ruleIndex = new Map(RULES.map((r, i) => [r.id, i]));
  const doc = options.ruleDoc ?? ruleDoc;
  const results = files.flatMap((f) =>
    f.diagnostics.map((d) => ({
      ruleId: d.code,
      ruleIndex: ruleIndex.get(d.code) ?? -1,
      level: SARIF_LEVEL[d.severity],
      message: { text: d.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: toUri(f.file), uriBaseId: '%SRCROOT%' },
            region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
          },
        },
      ],
    })),
  );
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'service-spec',
            semanticVersion: options.version,
            rules: RULES.map((r) => {
              const page = doc(r.id);
              return {
                id: r.id,
                name: r.id.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
                shortDescription: { text: r.description },
                fullDescription: { text: r.description },
                help: page ? { text: page, markdown: page } : { text: r.description },
                defaultConfiguration: { level: SARIF_LEVEL[r.defaultSeverity] },
                properties: { tags: ['service-spec'] },
              };
            }),
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

/** A relative URI for a checked file: relative to the current folder (so an absolute PATH names no machine). */
function toUri(p: string): string {
  const rel = path.isAbsolute(p) ? path.relative(process.cwd(), p) : p;
  return rel.replace(/\\/g, '/').split('/').map(encodeURIComponent).join('/');
}

export type { CheckedFile };

/**
 * Workload blocks (docs/format.md, Workload blocks and the cost formula): a fenced block with info string `workload` holding YAML, one
 * mapping or a list of mappings. This module only reads the structure; the invalid-workload rule checks
 * keys and values against the format and the configured roles.
 */
import { isMap, isSeq, isScalar } from 'yaml';
import type { Node } from 'yaml';
import type { Problem, WorkloadBlock, WorkloadEntry, WorkloadItem } from './model.js';
import type { Range } from './text.js';
import { linesMap, mapPairs, nodeRange, parseYaml, scalarValue } from './yamlSource.js';

/**
 * @param yamlText the block's content, lines joined with `\n`
 * @param lineStarts offset in the enclosing text of each content line
 */
export function parseWorkload(yamlText: string, lineStarts: number[], range: Range, contentRange: Range): WorkloadBlock {
  const problems: Problem[] = [];
  const items: WorkloadItem[] = [];
  const block: WorkloadBlock = { range, contentRange, items, problems };
  if (!yamlText.trim()) {
    problems.push({ range, message: 'Workload block is empty; expected a mapping with role, minutes, every and per', kind: 'empty' });
    return block;
  }
  const y = parseYaml(yamlText, linesMap(yamlText, lineStarts));
  for (const e of y.errors) problems.push({ range: e.range, message: `Workload YAML: ${e.message}`, kind: 'syntax' });
  if (y.errors.length) return block;
  const contents = y.doc.contents as Node | null;
  const asItem = (node: Node): void => {
    const r = nodeRange(node, y) ?? contentRange;
    if (!isMap(node)) {
      problems.push({ range: r, message: 'Workload entry is not a mapping; expected keys role, minutes, every and per', kind: 'not-mapping' });
      return;
    }
    const entries: WorkloadEntry[] = mapPairs(node, y).map((p) => {
      const v = scalarValue(p.valueNode, y.doc);
      return {
        key: p.key,
        value: v.ok ? v.value : undefined,
        isScalar: v.ok || p.valueNode === null,
        keyRange: p.keyRange,
        valueRange: p.valueRange,
      };
    });
    items.push({ range: r, entries });
  };
  if (isSeq(contents)) {
    for (const item of contents.items) asItem(item as Node);
    if (contents.items.length === 0) problems.push({ range: contentRange, message: 'Workload list is empty', kind: 'empty' });
  } else if (contents && (isMap(contents) || isScalar(contents))) {
    asItem(contents);
  } else if (contents) {
    asItem(contents);
  } else {
    problems.push({ range, message: 'Workload block is empty; expected a mapping with role, minutes, every and per', kind: 'empty' });
  }
  return block;
}

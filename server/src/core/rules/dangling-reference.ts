import { field } from '../model.js';
import { REQUIREMENT_ID } from '../markdown.js';
import { closest } from '../suggest.js';
import { isPlaceholder, type Rule } from './types.js';

/** `Depends on` naming a requirement that does not exist, here or (`spec-id/REQ-ID`) in the workspace. */
export const danglingReference: Rule = {
  id: 'dangling-reference',
  defaultSeverity: 'error',
  description: 'Depends on a requirement id that does not exist in this spec or the workspace',
  requirementKey: (req) => `${req.id}\0${field(req, 'depends on')?.value ?? ''}`,
  checkSpec({ spec, workspace, dir, report }) {
    let ids: Set<string> | undefined;
    for (const req of spec.requirements) {
      const f = field(req, 'depends on');
      if (!f) continue;
      const local = (ids ??= new Set(spec.requirements.map((r) => r.id)));
      for (const part of f.parts) {
        const ref = part.text;
        if (ref.toLowerCase() === 'none' || isPlaceholder(ref)) continue;
        const slash = ref.indexOf('/');
        if (slash < 0) {
          if (local.has(ref)) continue;
          const hint = closest(
            ref,
            [...local].filter((id) => id !== req.id),
          );
          const shape = REQUIREMENT_ID.test(ref) ? '' : ' (not a requirement id)';
          report(
            part.range,
            `${req.id} depends on "${ref}"${shape}, which does not exist in this spec; ${hint ? `did you mean ${hint}? ` : ''}expected a requirement id of this spec, or spec-id/REQ-ID for another spec`,
            hint ? { suggestion: hint } : undefined,
          );
          continue;
        }
        const specId = ref.slice(0, slash);
        const reqId = ref.slice(slash + 1);
        if (specId === spec.frontMatter.values.id) {
          if (local.has(reqId)) continue;
          report(part.range, `${req.id} depends on "${ref}", but this spec has no requirement ${reqId}`);
          continue;
        }
        const ids = workspace.lookup(specId, dir);
        if (!ids && !workspace.complete) continue; // the editor has not read every spec yet
        if (!ids) {
          const hint = closest(specId, workspace.specIds());
          report(part.range, `${req.id} depends on "${ref}", but no spec with id "${specId}" is in the workspace${hint ? `; did you mean "${hint}"?` : ''}`);
        } else if (!ids.has(reqId)) {
          const hint = closest(reqId, ids);
          report(
            part.range,
            `${req.id} depends on "${ref}", but spec "${specId}" has no requirement ${reqId}${hint ? `; did you mean ${specId}/${hint}?` : ''}`,
          );
        }
      }
    }
  },
};

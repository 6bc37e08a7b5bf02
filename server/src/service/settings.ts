/**
 * Editor settings under `serviceSpec` (package.json `contributes.configuration` declares the same defaults):
 * read leniently from whatever a client sends (a wrong value is dropped, never fatal) and merged in order
 * defaults < initialization options < settings pulled for the resource.
 */
import { z } from 'zod';
import { SEVERITY_SETTINGS, type SeveritySetting } from '../core/config.js';

export interface Settings {
  enable: boolean;
  /** Estimator profile from the configuration file ('default' for none). */
  profile: string;
  /** Per-rule severity overrides. */
  rules: Record<string, SeveritySetting>;
  /** Minimum lead time in days for short-lead-time; null keeps the configuration file's (default 90). */
  minimumLeadTimeDays: number | null;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({ enable: true, profile: 'default', rules: {}, minimumLeadTimeDays: null });

/** Each key on its own: a wrong value drops that key only. */
const FIELDS = {
  enable: z.boolean(),
  profile: z.string().min(1),
  minimumLeadTimeDays: z.number().int().min(0),
  estimator: z.object({ profile: z.string().min(1) }),
  rules: z.record(z.string(), z.unknown()),
};

/** The settings a client sent (`serviceSpec` section, nested or flat), keeping only well-formed values. */
export function readSettings(raw: unknown): Partial<Settings> {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {};
  const o = raw as Record<string, unknown>;
  const pick = <K extends keyof typeof FIELDS>(k: K): z.infer<(typeof FIELDS)[K]> | undefined => {
    const r = FIELDS[k].safeParse(o[k]);
    return r.success ? (r.data as z.infer<(typeof FIELDS)[K]>) : undefined;
  };
  const out: Partial<Settings> = {};
  const enable = pick('enable');
  if (enable !== undefined) out.enable = enable;
  const profile = pick('estimator')?.profile ?? pick('profile');
  if (profile !== undefined) out.profile = profile;
  const days = pick('minimumLeadTimeDays');
  if (days !== undefined) out.minimumLeadTimeDays = days;
  const rules = pick('rules');
  if (rules) {
    out.rules = {};
    for (const [id, s] of Object.entries(rules)) {
      if (typeof s === 'string' && (SEVERITY_SETTINGS as readonly string[]).includes(s)) out.rules[id] = s as SeveritySetting;
    }
  }
  return out;
}

/** Later layers win key by key over the defaults. */
export function mergeSettings(...layers: Partial<Settings>[]): Settings {
  return Object.assign({}, DEFAULT_SETTINGS, ...layers) as Settings;
}

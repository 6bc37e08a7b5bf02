/**
 * The workspace configuration `service-spec.config.yaml` (docs/format.md, The configuration file): parsed as YAML, checked
 * with a zod schema, deep-merged over the built-in defaults, then a named profile over that. Data only:
 * nothing in it is executed. A broken file gives problems located at its YAML nodes and the defaults.
 */
import { z } from 'zod';
import { isMap, isScalar, isPair, type Document, type Node } from 'yaml';
import type { Range } from './text.js';
import { nodeRange, parseYaml, type ParsedYaml } from './yamlSource.js';
import { DEFAULT_CONFIG } from './defaults.js';
import { closest } from './suggest.js';

export const CONFIG_FILE_NAME = 'service-spec.config.yaml';
export const SEVERITY_SETTINGS = ['error', 'warning', 'info', 'hint', 'off'] as const;
export type SeveritySetting = (typeof SEVERITY_SETTINGS)[number];

export interface RoleConfig {
  'hourly-cost': number;
  label?: string;
  source?: string;
}

export interface FundingSourceConfig {
  label?: string;
  'per-bed-per-year'?: number;
  'per-patient-per-year'?: number;
  source?: string;
}

export interface RuleSettings {
  severity?: SeveritySetting;
  'minimum-days'?: number;
}

export interface EstimatorConfig {
  population: number;
  practices: number;
  pcns: number;
  'care-homes': number;
  'care-home-beds': number;
  'productive-hours-per-wte': number;
  'hours-per-session': number;
  roles: Record<string, RoleConfig>;
}

export interface ServiceSpecConfig {
  estimator: EstimatorConfig;
  funding: { sources: Record<string, FundingSourceConfig> };
  rules: Record<string, RuleSettings>;
  profiles: Record<string, unknown>;
}

// --- schema ------------------------------------------------------------------------------------------

const positive = z.number({ error: 'expected a number' }).positive({ error: 'expected a number greater than 0' });
const nonNegative = z.number({ error: 'expected a number' }).nonnegative({ error: 'expected a number of 0 or more' });
const str = z.string({ error: 'expected text' });

function schemas(strict: boolean) {
  const obj = <T extends z.ZodRawShape>(shape: T) => (strict ? z.strictObject(shape) : z.object(shape));
  const role = obj({ 'hourly-cost': nonNegative.optional(), label: str.optional(), source: str.optional() });
  const source = obj({
    label: str.optional(),
    'per-bed-per-year': nonNegative.optional(),
    'per-patient-per-year': nonNegative.optional(),
    source: str.optional(),
  });
  const estimator = obj({
    population: positive.optional(),
    practices: positive.optional(),
    pcns: positive.optional(),
    'care-homes': nonNegative.optional(),
    'care-home-beds': nonNegative.optional(),
    'productive-hours-per-wte': positive.optional(),
    'hours-per-session': positive.optional(),
    roles: z.record(z.string(), role.nullable(), { error: 'expected a mapping of role ids' }).optional(),
  });
  const rule = obj({
    severity: z.enum(SEVERITY_SETTINGS, { error: `expected one of ${SEVERITY_SETTINGS.join(', ')}` }).optional(),
    'minimum-days': z.number({ error: 'expected a number of days' }).int({ error: 'expected a whole number of days' }).nonnegative().optional(),
  });
  const base = {
    estimator: estimator.optional(),
    funding: obj({ sources: z.record(z.string(), source.nullable(), { error: 'expected a mapping of funding source ids' }).optional() }).optional(),
    rules: z.record(z.string(), rule, { error: 'expected a mapping of rule ids' }).optional(),
  };
  const profile = obj(base);
  return obj({ ...base, profiles: z.record(z.string(), profile, { error: 'expected a mapping of profile names' }).optional() });
}

const STRICT = schemas(true);
const LOOSE = schemas(false);
export type ConfigInput = z.infer<typeof LOOSE>;

// --- loading -----------------------------------------------------------------------------------------

export interface ConfigProblem {
  range: Range;
  message: string;
  severity: 'error' | 'warning';
}

export interface LoadedConfig {
  /** The effective configuration: defaults, then the file, then the active profile. */
  config: ServiceSpecConfig;
  /** The file it came from, or null for the built-in defaults. */
  path: string | null;
  /** The active profile name ('default' when none). */
  profile: string;
  /** Profile names defined in the file. */
  profiles: string[];
  problems: ConfigProblem[];
  /** True when the file had errors and the defaults are used instead. */
  fellBack: boolean;
  /** Set when the requested profile does not exist. */
  unknownProfile?: string;
}

export interface ConfigOptions {
  /** Active profile; 'default' or undefined for none. */
  profile?: string;
  /** Rule ids that `rules:` may name. */
  knownRules?: readonly string[];
}

/** The built-in defaults, as a loaded configuration. */
export function defaultConfig(options: ConfigOptions = {}): LoadedConfig {
  return withProfile({ config: clone(DEFAULT_CONFIG), path: null, profile: 'default', profiles: [], problems: [], fellBack: false }, {}, options);
}

/** Parses and validates a configuration file's text. Never throws. */
export function parseConfig(text: string, path: string | null, options: ConfigOptions = {}): LoadedConfig {
  const problems: ConfigProblem[] = [];
  const y = parseYaml(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, (o) => o);
  for (const e of y.errors) problems.push({ range: e.range, message: `Configuration YAML: ${e.message}`, severity: 'error' });
  let data: unknown = {};
  if (y.errors.length === 0) {
    try {
      data = y.doc.toJS({ maxAliasCount: 1000 }) ?? {};
    } catch (e) {
      problems.push({
        range: { start: 0, end: Math.min(text.length, 1) },
        message: `Configuration could not be read: ${(e as Error).message}`,
        severity: 'error',
      });
    }
  }
  let input: ConfigInput = {};
  if (problems.length === 0) {
    const strict = STRICT.safeParse(data);
    if (!strict.success) {
      for (const issue of strict.error.issues) problems.push(...issueProblems(issue, y, options));
    }
    const loose = LOOSE.safeParse(data);
    if (loose.success) input = loose.data;
    if (!loose.success && !problems.some((p) => p.severity === 'error')) {
      for (const issue of loose.error.issues) problems.push(...issueProblems(issue, y, options));
    }
    // Rule ids must be known.
    if (loose.success && options.knownRules) {
      const check = (rules: Record<string, unknown> | undefined, at: (string | number)[]) => {
        for (const id of Object.keys(rules ?? {})) {
          if (!options.knownRules!.includes(id)) {
            const hint = closest(id, options.knownRules!);
            problems.push({
              range: keyRange(y, [...at, id]),
              message: `Configuration names unknown rule '${id}'${hint ? `; did you mean '${hint}'?` : ''}`,
              severity: 'warning',
            });
          }
        }
      };
      check(input.rules, ['rules']);
      for (const [name, p] of Object.entries(input.profiles ?? {})) check(p.rules, ['profiles', name, 'rules']);
    }
  }
  const fellBack = problems.some((p) => p.severity === 'error');
  if (fellBack) {
    const d = defaultConfig(options);
    return { ...d, path, problems, fellBack: true };
  }
  const { profiles, ...base } = input;
  const config = merge(clone(DEFAULT_CONFIG), attributeSources(base, `set in ${fileName(path)}`)) as ServiceSpecConfig;
  config.profiles = (profiles ?? {}) as Record<string, unknown>;
  return withProfile({ config, path, profile: 'default', profiles: Object.keys(profiles ?? {}), problems, fellBack: false }, profiles ?? {}, options);
}

function withProfile(loaded: LoadedConfig, profiles: Record<string, unknown>, options: ConfigOptions): LoadedConfig {
  const name = options.profile;
  if (!name || name === 'default') return loaded;
  const p = profiles[name];
  if (p === undefined) return { ...loaded, unknownProfile: name };
  const attributed = attributeSources(p as ConfigInput, `set by profile ${name} in ${fileName(loaded.path)}`);
  return { ...loaded, profile: name, config: { ...(merge(loaded.config, attributed) as ServiceSpecConfig), profiles: loaded.config.profiles } };
}

/** The file name alone: sources are shown in reports and hovers, which must not depend on the machine. */
function fileName(path: string | null): string {
  return path ? path.split(/[\\/]/).pop()! : 'the configuration';
}

/**
 * A figure changed by the configuration no longer comes from the built-in source: unless the file names
 * its own `source`, the figure is attributed to the file (or profile) that set it.
 */
function attributeSources(input: ConfigInput, where: string): ConfigInput {
  const out = structuredClone(input);
  for (const r of Object.values(out.estimator?.roles ?? {})) if (r && r['hourly-cost'] !== undefined && r.source === undefined) r.source = where;
  for (const f of Object.values(out.funding?.sources ?? {})) {
    if (f && (f['per-bed-per-year'] !== undefined || f['per-patient-per-year'] !== undefined) && f.source === undefined) f.source = where;
  }
  return out;
}

/** Deep merge of plain objects; `null` removes a key (a role or a funding source). */
export function merge(base: unknown, over: unknown): unknown {
  if (!isPlain(base) || !isPlain(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (k === '__proto__' || k === 'constructor' || k === 'prototype') continue;
    if (v === null) delete out[k];
    else if (v !== undefined) out[k] = merge(out[k], v);
  }
  return out;
}

function isPlain(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function clone<T>(v: T): T {
  return structuredClone(v);
}

function issueProblems(issue: z.core.$ZodIssue, y: ParsedYaml, options: ConfigOptions): ConfigProblem[] {
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  const dotted = path.join('.');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const known = knownKeysAt(path);
      const hint = closest(key, known);
      return {
        range: keyRange(y, [...path, key]),
        message: `Configuration key '${[...path, key].join('.')}' is not known${hint ? `; did you mean '${hint}'?` : ''} (it is ignored)`,
        severity: 'warning' as const,
      };
    });
  }
  const node = y.doc.getIn(path, true) as Node | undefined;
  const found = isScalar(node) ? ` is ${JSON.stringify(node.value)};` : '';
  void options;
  return [
    {
      range: nodeRange(node ?? null, y) ?? keyRange(y, path),
      message: `Configuration key '${dotted || '(root)'}'${found || ':'} ${issue.message}`,
      severity: 'error',
    },
  ];
}

function knownKeysAt(path: (string | number)[]): string[] {
  const last = path[path.length - 1];
  const parent = path[path.length - 2];
  if (path.length === 0) return ['estimator', 'funding', 'profiles', 'rules'];
  if (last === 'estimator') return Object.keys(DEFAULT_CONFIG.estimator);
  if (last === 'funding') return ['sources'];
  if (parent === 'roles') return ['hourly-cost', 'label', 'source'];
  if (parent === 'sources') return ['label', 'per-bed-per-year', 'per-patient-per-year', 'source'];
  if (parent === 'rules') return ['severity', 'minimum-days'];
  if (parent === 'profiles') return ['estimator', 'funding', 'rules'];
  return [];
}

/** Range of the key node at `path` (falling back to the nearest existing ancestor, then the start). */
function keyRange(y: ParsedYaml, path: (string | number)[]): Range {
  for (let n = path.length; n > 0; n--) {
    const parent = n - 1 === 0 ? y.doc.contents : (y.doc.getIn(path.slice(0, n - 1), true) as unknown);
    if (isMap(parent)) {
      for (const item of parent.items) {
        if (isPair(item) && isScalar(item.key) && String(item.key.value) === String(path[n - 1])) {
          const r = nodeRange(item.key as Node, y);
          if (r) return r;
        }
      }
    }
  }
  return { start: 0, end: 0 };
}

export type { Document };

/**
 * The registry of `service-spec` commands, in the order the global usage lists them. A new command is one
 * module exporting a `Command` and one line here.
 */
import type { Command } from '../command.js';
import { check } from './check.js';
import { cost } from './cost.js';
import { diff } from './diff.js';
import { exportCommand } from './export.js';
import { importCommand } from './import.js';
import { ledger } from './ledger.js';
import { review } from './review.js';
import { rules } from './rules.js';
import { web } from './web.js';

export const COMMANDS: readonly Command[] = [check, cost, review, diff, ledger, exportCommand, importCommand, rules, web];

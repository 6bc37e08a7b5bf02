/**
 * Imported first by main.ts: tells zod (the configuration and front-matter schemas) not to build
 * validators as code from strings. The page's Content-Security-Policy allows no evaluated code, so zod's
 * probe for it would be refused and reported as an error in the console.
 */
import { config } from 'zod';

config({ jitless: true });

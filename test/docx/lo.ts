/** LibreOffice for the tests: is it there, and a headless run with a private profile. */
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

/** Runs soffice with a private profile; throws with its output when it fails. */
export function soffice(args: string[], profile: string): void {
  const r = spawnSync('soffice', ['--headless', '--norestore', '--nologo', `-env:UserInstallation=${pathToFileURL(profile).href}`, ...args], {
    encoding: 'utf8',
    timeout: 240_000,
  });
  if (r.error || r.status !== 0) throw new Error(`soffice ${args.join(' ')} failed: ${r.error?.message ?? ''} ${r.stdout} ${r.stderr}`);
}

export function sofficeAvailable(): boolean {
  const r = spawnSync('soffice', ['--version'], { encoding: 'utf8', timeout: 60_000 });
  return !r.error && r.status === 0;
}

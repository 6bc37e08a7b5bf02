/**
 * The background index: a workspace root's specs parsed on a worker thread (edits never wait for it), each
 * fed to the project model as it arrives, with LSP work-done progress. Where no worker can start (or with
 * `--naive`), one file per turn on this thread, so an edit waits for one file at most. When a root is done,
 * open specs are checked again: references to specs read meanwhile now resolve, and dangling ones are reported.
 */
import type { WorkDoneProgressServerReporter } from 'vscode-languageserver';
import { findSpecs } from '../node/files.js';
import { parseInBackground } from '../node/parallel.js';
import { scheduleAll } from './handlers/diagnostics.js';
import type { Session } from './session.js';

export function indexRoot(session: Session, root: string): void {
  // Not inside the analysis that found the root: the folder walk happens on the next turn.
  setImmediate(() => run(session, root));
}

function run(session: Session, root: string): void {
  const workspace = session.service?.workspace;
  if (!workspace || session.shuttingDown) return;
  const files = findSpecs(root);
  const total = files.length;
  const started = performance.now();
  const progress: Promise<WorkDoneProgressServerReporter | undefined> =
    session.support.progress && total > 0 ? session.connection.window.createWorkDoneProgress().catch(() => undefined) : Promise.resolve(undefined);
  void progress.then((p) => p?.begin('Indexing specs', 0, `0/${total}`, false));
  let indexed = 0;
  const counted = () => {
    indexed++;
    if (indexed % 25 === 0) void progress.then((p) => p?.report(Math.floor((indexed / total) * 100), `${indexed}/${total}`));
  };
  const finish = () => {
    workspace.indexFinished(root);
    if (total > 0) session.connection.console.info(`service-spec: indexed ${total} specs below ${root} in ${Math.round(performance.now() - started)} ms`);
    void progress.then((p) => p?.done());
    scheduleAll(session);
    session.refreshLenses();
  };
  const inBackground =
    total > 1 &&
    !session.options.naive &&
    parseInBackground(
      files,
      (file, model) => {
        workspace.indexed(file, model);
        counted();
      },
      finish,
    );
  if (inBackground) return;
  const step = () => {
    const file = files.shift();
    if (!file) return finish();
    counted();
    const model = workspace.project.spec(file);
    workspace.indexed(file, model);
    setImmediate(step);
  };
  setImmediate(step);
}

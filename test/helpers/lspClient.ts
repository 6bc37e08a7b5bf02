/**
 * A minimal LSP client for tests and benchmarks: in-process over PassThrough streams, or over a child
 * process's stdio. Waits are event-driven (a diagnostics notification for a given version), never sleeps.
 */
import { PassThrough } from 'node:stream';
import type { ChildProcess } from 'node:child_process';
import { createConnection as createServerConnection, createProtocolConnection } from 'vscode-languageserver';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver/node';
import { startServer, type ServerOptions } from '../../server/src/server.js';
import { MESSAGE_WRITER_OPTIONS } from '../../server/src/lsp/encoder.js';

export class TestClient {
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  private waiters: { uri: string; pred: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  readonly costSummaries = new Map<string, unknown>();
  private summaryWaiters: ((p: unknown) => boolean)[] = [];

  /** The next `serviceSpec/costSummary` notification that satisfies `pred`. */
  // biome-ignore lint/suspicious/noExplicitAny: tests read the notification's fields directly
  nextCostSummary(pred: (p: any) => boolean = () => true): Promise<unknown> {
    return new Promise((resolve) =>
      this.summaryWaiters.push((p) => {
        if (!pred(p)) return false;
        resolve(p);
        return true;
      }),
    );
  }

  /** Requests the server made of the client (workspace/configuration...), answered by `onRequest`. */
  configuration: unknown = undefined;

  constructor(readonly connection: MessageConnection) {
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.diagnostics.set(p.uri, p);
      this.waiters = this.waiters.filter((w) => {
        if (w.uri === p.uri && w.pred(p)) {
          w.resolve(p);
          return false;
        }
        return true;
      });
    });
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => this.configuration ?? null));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onNotification('window/logMessage', () => undefined);
    connection.onNotification('window/showMessage', () => undefined);
    connection.onNotification('serviceSpec/costSummary', (p: { uri: string }) => {
      this.costSummaries.set(p.uri, p);
      this.summaryWaiters = this.summaryWaiters.filter((w) => !w(p));
    });
    connection.listen();
  }

  /** Resolves with the next diagnostics for `uri` that satisfy `pred` (e.g. a given version). */
  waitForDiagnostics(uri: string, pred: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 20000): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        uri,
        pred,
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p);
        },
      });
    });
  }

  async initialize(rootUri: string | null, capabilities: Record<string, unknown> = {}, initializationOptions?: unknown): Promise<unknown> {
    const result = await this.connection.sendRequest('initialize', {
      processId: null,
      rootUri,
      capabilities,
      initializationOptions,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: 'root' }] : null,
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'service-spec', version, text } });
  }

  change(uri: string, version: number, changes: unknown[]): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  async shutdown(): Promise<void> {
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    this.connection.dispose();
  }
}

/** Starts the real server in this process, connected through PassThrough streams. */
export function inProcess(options: ServerOptions = {}): TestClient {
  const up = new PassThrough();
  const down = new PassThrough();
  // The node entry's connection calls process.exit on `exit` and polls the parent process; a test
  // connection gets a watchdog that does neither.
  const serverConnection = createServerConnection(
    (logger) => createProtocolConnection(new StreamMessageReader(up), new StreamMessageWriter(down, MESSAGE_WRITER_OPTIONS), logger),
    {
      initialize: () => undefined,
      shutdownReceived: false,
      exit: () => undefined,
    },
  );
  startServer(serverConnection, options);
  return new TestClient(createMessageConnection(new StreamMessageReader(down), new StreamMessageWriter(up)));
}

/** Connects to a server child process over stdio. */
export function overStdio(child: ChildProcess): TestClient {
  return new TestClient(createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!)));
}

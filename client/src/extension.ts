/**
 * The VS Code extension: starts the bundled language server and gets out of the way. No analysis here;
 * everything the user sees comes from the server (diagnostics, hovers).
 */
import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Service Spec', { log: true });
  const serverModule = context.asAbsolutePath('dist/server.cjs');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'service-spec' },
      // The configuration file is synced too, so editing it re-checks open specs before it is saved.
      { scheme: 'file', pattern: '**/service-spec.config.yaml' },
    ],
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/{service-spec.config.yaml,*.spec.md}') },
    outputChannel: output,
  };
  client = new LanguageClient('serviceSpec', 'Service Spec', serverOptions, clientOptions);

  const status = vscode.languages.createLanguageStatusItem('serviceSpec.status', { language: 'service-spec' });
  status.name = 'Service Spec';
  status.command = { title: 'Restart', command: 'serviceSpec.restartServer' };
  status.text = 'Service Spec: starting';
  client.onDidChangeState((e) => {
    status.text = e.newState === State.Running ? 'Service Spec' : e.newState === State.Starting ? 'Service Spec: starting' : 'Service Spec: stopped';
    status.severity = e.newState === State.Stopped ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
  });

  context.subscriptions.push(
    output,
    status,
    vscode.commands.registerCommand('serviceSpec.restartServer', async () => {
      output.info('Restarting the Service Spec language server');
      await client?.restart();
    }),
    vscode.commands.registerCommand('serviceSpec.showOutput', () => output.show()),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

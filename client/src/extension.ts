/**
 * The VS Code extension: starts the bundled language server and gets out of the way. No analysis here;
 * everything the user sees comes from the server (diagnostics, hovers).
 */
import { SERVER_EXEC_ARGV } from './serverFlags.js';
import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { showPreview } from './preview.js';
import { newSpec } from './newSpec.js';
import { registerReviews } from './reviews.js';
import { compare, saveRedline } from './compare.js';
import { showLedger } from './ledger.js';
import { exportReviewWord, exportWord, importWord } from './word.js';
import { onNotification, request } from './requests.js';
import { SHOW_RULE_HELP, showRuleHelp, withRuleLinks } from './ruleHelp.js';
import { CostSummaryNotification, ProfilesRequest, type CostSummary } from '../../server/src/lsp/protocol.js';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Service Spec', { log: true });
  const serverModule = context.asAbsolutePath('dist/server.cjs');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV] } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'service-spec' },
      // The configuration file is synced too, so editing it re-checks open specs before it is saved.
      { scheme: 'file', pattern: '**/service-spec.config.yaml' },
    ],
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/{service-spec.config.yaml,*.spec.md}') },
    outputChannel: output,
    // A finding's code opens its rule's page bundled with the extension (see ruleHelp.ts): the server need
    // not send a link with every diagnostic.
    initializationOptions: { ruleLinks: 'client' },
    middleware: { handleDiagnostics: (uri, diagnostics, next) => next(uri, withRuleLinks(diagnostics)) },
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

  // Status bar: the active profile and the spec's yearly total, from the server's cost summaries.
  const costItem = vscode.window.createStatusBarItem('serviceSpec.cost', vscode.StatusBarAlignment.Right, 100);
  costItem.name = 'Service Spec cost';
  costItem.command = 'serviceSpec.switchProfile';
  const summaries = new Map<string, CostSummary>();
  const money = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 });
  const showCost = () => {
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    const s = uri ? summaries.get(uri) : undefined;
    if (!s) return costItem.hide();
    costItem.text = `$(law) ${s.profile}: ${money.format(s.costPerPcn)}/PCN`;
    costItem.tooltip = `Service Spec — profile ${s.profile}\n${money.format(s.costPerPcn)} a year per PCN, ${money.format(s.costPerPractice)} per practice\nunfunded ${money.format(s.unfundedCostPerPcn)} per PCN\nClick to switch profile`;
    costItem.show();
  };
  onNotification(client, CostSummaryNotification, (s) => {
    summaries.set(s.uri, s);
    showCost();
  });

  context.subscriptions.push(
    output,
    status,
    costItem,
    vscode.window.onDidChangeActiveTextEditor(showCost),
    vscode.commands.registerCommand('serviceSpec.switchProfile', async () => {
      const uri = vscode.window.activeTextEditor?.document.uri;
      if (!client || !uri) return;
      const info = await request(client, ProfilesRequest, { uri: uri.toString() });
      const items = ['default', ...info.profiles].map((p) => ({ label: p, description: p === info.active ? 'active' : undefined }));
      const pick = await vscode.window.showQuickPick(items, {
        title: 'Estimator profile',
        placeHolder: info.config ? `Profiles of ${info.config}` : 'No service-spec.config.yaml: only the default assumptions',
      });
      if (!pick) return;
      await vscode.workspace.getConfiguration('serviceSpec', uri).update('estimator.profile', pick.label, vscode.ConfigurationTarget.Workspace);
    }),
    vscode.commands.registerCommand('serviceSpec.restartServer', async () => {
      output.info('Restarting the Service Spec language server');
      await client?.restart();
    }),
    vscode.commands.registerCommand('serviceSpec.showOutput', () => output.show()),
    vscode.commands.registerCommand('serviceSpec.showPreview', () => client && showPreview(client, context)),
    vscode.commands.registerCommand('serviceSpec.newSpec', newSpec),
    vscode.commands.registerCommand('serviceSpec.compare', () => client && compare(client)),
    vscode.commands.registerCommand('serviceSpec.importWord', () => client && importWord(client)),
    vscode.commands.registerCommand('serviceSpec.exportWord', () => client && exportWord(client)),
    vscode.commands.registerCommand('serviceSpec.exportReviewWord', () => client && exportReviewWord(client)),
    vscode.commands.registerCommand('serviceSpec.saveRedline', () => client && saveRedline(client)),
    vscode.commands.registerCommand('serviceSpec.showLedger', () => client && showLedger(client)),
    vscode.commands.registerCommand(SHOW_RULE_HELP, (id?: unknown) => showRuleHelp(context, id)),
  );
  registerReviews(context, client);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

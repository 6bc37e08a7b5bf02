/**
 * Review notes as VS Code comment threads. The server knows where each note is anchored now and does
 * every write (atomic, merged with changes made on disk meanwhile); this file only shows threads and turns
 * the editor's reply / resolve / withdraw / add gestures into requests.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  AddNoteRequest,
  CostSummaryNotification,
  ReplyRequest,
  RequirementAtRequest,
  ReviewThreadsRequest,
  SetStatusRequest,
  type NoteStatus,
  type ReviewThread as ThreadInfo,
  type Stance,
} from '../../server/src/lsp/protocol.js';
import { onNotification, request } from './requests.js';

const STANCES: readonly Stance[] = ['object', 'concern', 'question', 'support', 'comment'];

export function registerReviews(context: vscode.ExtensionContext, client: LanguageClient): void {
  const controller = vscode.comments.createCommentController('serviceSpec.reviews', 'Service Spec reviews');
  controller.options = { prompt: 'Reply to this note…', placeHolder: 'Your reply (saved in the review file)' };
  controller.commentingRangeProvider = {
    provideCommentingRanges: (doc) => (doc.languageId === 'service-spec' ? [new vscode.Range(0, 0, Math.max(0, doc.lineCount - 1), 0)] : []),
  };
  const notes = new WeakMap<vscode.CommentThread, ThreadInfo>();
  const shown = new Map<string, { key: string; threads: vscode.CommentThread[] }>();
  const timers = new Map<string, NodeJS.Timeout>();

  const author = () => vscode.workspace.getConfiguration('serviceSpec').get<string>('review.author') || process.env.USER || 'Reviewer';

  async function refresh(uri: vscode.Uri): Promise<void> {
    const key = uri.toString();
    const list = await request(client, ReviewThreadsRequest, { uri: key });
    const signature = JSON.stringify(list);
    if (shown.get(key)?.key === signature) return;
    for (const t of shown.get(key)?.threads ?? []) t.dispose();
    const threads = list.map((n) => {
      const line = n.range.start.line;
      const head: vscode.Comment = {
        author: { name: `${n.author ?? n.reviewer ?? 'Reviewer'}${n.created ? ` · ${n.created}` : ''}` },
        body: new vscode.MarkdownString(`${n.quote ? `> ${n.quote}\n\n` : ''}${n.body}`),
        mode: vscode.CommentMode.Preview,
        label: n.stance,
      };
      const replies: vscode.Comment[] = n.replies.map((r) => ({
        author: { name: `${r.author ?? 'Reply'}${r.created ? ` · ${r.created}` : ''}` },
        body: new vscode.MarkdownString(r.body ?? ''),
        mode: vscode.CommentMode.Preview,
      }));
      const thread = controller.createCommentThread(uri, new vscode.Range(line, 0, line, 0), [head, ...replies]);
      const where =
        n.anchor === 'ok'
          ? ''
          : n.anchor === 'reanchored'
            ? ` · moved from ${n.requirement}`
            : n.anchor === 'stale'
              ? ' · quoted text changed'
              : ` · ${n.requirement} is gone`;
      thread.label = `${n.stance} · ${n.status}${where} — ${n.reviewer ?? 'review'} (${n.id})`;
      thread.contextValue = n.status;
      thread.canReply = n.status === 'open';
      thread.state = n.status === 'open' ? vscode.CommentThreadState.Unresolved : vscode.CommentThreadState.Resolved;
      // Collapsed: the gutter shows where notes are without pushing the spec's text apart.
      thread.collapsibleState = vscode.CommentThreadCollapsibleState.Collapsed;
      notes.set(thread, n);
      return thread;
    });
    shown.set(key, { key: signature, threads });
  }

  const schedule = (uri: vscode.Uri) => {
    const key = uri.toString();
    clearTimeout(timers.get(key));
    timers.set(
      key,
      setTimeout(() => void refresh(uri).catch(() => undefined), 400),
    );
  };

  const run = async (f: () => Promise<unknown>, uri: vscode.Uri) => {
    try {
      await f();
    } catch (e) {
      void vscode.window.showErrorMessage(`Service Spec: ${(e as Error).message}`);
    }
    await refresh(uri);
  };

  const setStatus = (status: NoteStatus) => (thread: vscode.CommentThread) => {
    const n = notes.get(thread);
    if (n) void run(() => request(client, SetStatusRequest, { sidecar: n.sidecar, id: n.id, status }), thread.uri);
  };

  onNotification(client, CostSummaryNotification, (s) => schedule(vscode.Uri.parse(s.uri)));
  context.subscriptions.push(
    controller,
    vscode.window.onDidChangeActiveTextEditor((e) => e?.document.languageId === 'service-spec' && schedule(e.document.uri)),
    vscode.commands.registerCommand('serviceSpec.review.reply', (reply: vscode.CommentReply) => {
      const n = notes.get(reply.thread);
      if (n && reply.text.trim())
        void run(() => request(client, ReplyRequest, { sidecar: n.sidecar, id: n.id, body: reply.text, author: author() }), reply.thread.uri);
    }),
    vscode.commands.registerCommand('serviceSpec.review.resolve', setStatus('resolved')),
    vscode.commands.registerCommand('serviceSpec.review.withdraw', setStatus('withdrawn')),
    vscode.commands.registerCommand('serviceSpec.review.reopen', setStatus('open')),
    vscode.commands.registerCommand('serviceSpec.review.addNote', async (arg?: vscode.CommentReply) => {
      const editor = vscode.window.activeTextEditor;
      const uri = arg?.thread.uri ?? editor?.document.uri;
      if (!uri) return;
      const position = arg ? (arg.thread.range?.start ?? new vscode.Position(0, 0)) : editor!.selection.active;
      const req = await request(client, RequirementAtRequest, { uri: uri.toString(), position: { line: position.line, character: position.character } });
      if (!req) return void vscode.window.showInformationMessage('Put the cursor in a requirement (under a heading such as "### EHCH-3: …") to review it.');
      const stance = await vscode.window.showQuickPick([...STANCES], { title: `Review note on ${req.id}: ${req.title}`, placeHolder: 'Stance' });
      if (!stance) return;
      const body =
        arg?.text?.trim() ||
        (await vscode.window.showInputBox({ title: `${stance} on ${req.id}`, prompt: 'The note (saved in the review file next to the spec)' }));
      if (!body) return;
      arg?.thread.dispose();
      const quote = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection) : undefined;
      await run(
        () => request(client, AddNoteRequest, { uri: uri.toString(), requirement: req.id, stance: stance as Stance, body, author: author(), quote }),
        uri,
      );
    }),
  );
  for (const e of vscode.window.visibleTextEditors) if (e.document.languageId === 'service-spec') schedule(e.document.uri);
}

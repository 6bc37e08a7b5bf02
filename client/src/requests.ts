/**
 * Typed requests and notifications to the language server, declared once in the server's lsp/protocol.ts
 * (that module holds types and request-type objects only: no server code reaches this bundle).
 */
import type { Disposable } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

/** A request type of the protocol module, typed by its params and result. */
interface RequestOf<P, R> {
  readonly method: string;
  readonly _?: readonly [P, R, ...unknown[]];
}

/** A notification type of the protocol module, typed by its params. */
interface NotificationOf<P> {
  readonly method: string;
  readonly _?: readonly [P, ...unknown[]];
}

export function request<P, R>(client: LanguageClient, type: RequestOf<P, R>, params: P): Promise<R> {
  return client.sendRequest(type.method, params) as Promise<R>;
}

export function onNotification<P>(client: LanguageClient, type: NotificationOf<P>, handler: (params: P) => void): Disposable {
  return client.onNotification(type.method, handler);
}

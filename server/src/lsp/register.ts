/**
 * How every request and notification is registered: refused after `shutdown` (InvalidRequest) and before
 * `initialize` (ServerNotInitialized), params checked against their schema (InvalidParams naming the field),
 * a refusal from the service answered with its message (RequestFailed), anything else logged once and
 * answered InternalError. Notifications never throw: a bad one is one line in the log.
 */
import { ErrorCodes, LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';
import type { z } from 'zod';
import { ServiceError, type LanguageService } from '../service/index.js';
import { describeIssues } from './params.js';
import type { Session } from './session.js';

/** A request type (LSP's or ours): its method and, for typing, its params and result. */
interface RequestSignature<R> {
  readonly method: string;
  readonly _?: readonly [unknown, R, ...unknown[]] | undefined;
}

export type Handler<S extends z.ZodType, R> = (params: z.infer<S>, service: LanguageService, session: Session, token: CancellationToken) => R | Promise<R>;

export function onRequest<S extends z.ZodType, R>(session: Session, type: RequestSignature<R>, schema: S, handler: Handler<S, R>): void {
  const method = type.method;
  session.connection.onRequest(method, async (raw: unknown, token: CancellationToken) => {
    if (session.shuttingDown) return new ResponseError(ErrorCodes.InvalidRequest, `${method}: the server is shutting down (no requests after "shutdown")`);
    const service = session.service;
    if (!service) return new ResponseError(ErrorCodes.ServerNotInitialized, `${method}: the server is not initialized yet`);
    const parsed = schema.safeParse(raw);
    if (!parsed.success) return new ResponseError(ErrorCodes.InvalidParams, `${method}: invalid params: ${describeIssues(parsed.error)}`);
    try {
      return await handler(parsed.data, service, session, token);
    } catch (e) {
      if (e instanceof ServiceError) return new ResponseError(LSPErrorCodes.RequestFailed, (e as Error).message);
      session.connection.console.error(`service-spec: ${method} failed: ${(e as Error)?.stack ?? e}`);
      return new ResponseError(ErrorCodes.InternalError, `${method} failed: ${(e as Error)?.message ?? e}`);
    }
  });
}

export function onNotification<S extends z.ZodType>(
  session: Session,
  method: string,
  schema: S,
  handler: (params: z.infer<S>, service: LanguageService) => void,
): void {
  session.connection.onNotification(method, (raw: unknown) => {
    const service = session.service;
    if (session.shuttingDown || !service) return;
    const parsed = schema.safeParse(raw);
    if (!parsed.success) return session.connection.console.warn(`service-spec: ignored ${method}: ${describeIssues(parsed.error)}`);
    try {
      handler(parsed.data, service);
    } catch (e) {
      session.connection.console.error(`service-spec: ${method} failed: ${(e as Error)?.message ?? e}`);
    }
  });
}

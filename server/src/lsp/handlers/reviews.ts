/** Review notes for the client's comment threads: serviceSpec/review/threads, requirementAt, and the writes. */
import { addNoteParams, replyParams, requirementAtParams, setStatusParams, uriParams } from '../params.js';
import { AddNoteRequest, ReplyRequest, RequirementAtRequest, ReviewThreadsRequest, SetStatusRequest } from '../protocol.js';
import { onRequest } from '../register.js';
import type { Session } from '../session.js';
import { toReviewThread } from '../convert.js';
import { fileParam } from './common.js';
import { publishSidecar, scheduleAll } from './diagnostics.js';

export function registerReviews(session: Session): void {
  /** A sidecar was written: its diagnostics and the specs' open-objection findings follow. */
  const written = (sidecar: string) => {
    void publishSidecar(session, sidecar);
    scheduleAll(session);
  };

  onRequest(session, ReviewThreadsRequest, uriParams, ({ uri }, service) => {
    const file = fileParam(uri);
    const p = session.positionsOf(file);
    return service.threads(file).map((t) => toReviewThread(session, p, t));
  });

  onRequest(session, RequirementAtRequest, requirementAtParams, ({ uri, position }, service) => {
    const file = fileParam(uri);
    return service.requirementAt(file, session.positionsOf(file).offsetAt(position)) ?? null;
  });

  onRequest(session, AddNoteRequest, addNoteParams, ({ uri, ...note }, service) => {
    const r = service.addNote(fileParam(uri), note);
    written(r.sidecar);
    return { sidecar: session.uriOf(r.sidecar), id: r.id };
  });

  onRequest(session, ReplyRequest, replyParams, ({ sidecar, id, body, author }, service) => {
    const file = fileParam(sidecar);
    try {
      service.reply(file, id, body, author);
    } finally {
      written(file);
    }
    return null;
  });

  onRequest(session, SetStatusRequest, setStatusParams, ({ sidecar, id, status }, service) => {
    const file = fileParam(sidecar);
    try {
      service.setStatus(file, id, status);
    } finally {
      written(file);
    }
    return null;
  });
}

/** serviceSpec/preview, serviceSpec/compare and serviceSpec/profiles: the client's preview, compare and "switch profile". */
import { bomShift } from '../convert.js';
import { compareParams, uriParams } from '../params.js';
import { CompareRequest, PreviewRequest, ProfilesRequest } from '../protocol.js';
import { onRequest } from '../register.js';
import type { Session } from '../session.js';
import { fileParam } from './common.js';

export function registerViews(session: Session): void {
  const bomOf = (file: string) => {
    const open = session.documents.byFileOf(file);
    return open ? bomShift(open.doc) : 0;
  };

  onRequest(session, PreviewRequest, uriParams, async ({ uri }, service) => {
    const file = fileParam(uri);
    const p = service.preview(file, await session.settingsFor(file));
    return p ? { ...p, bom: bomOf(file) } : null;
  });

  onRequest(session, CompareRequest, compareParams, async ({ uri, otherUri, rev }, service) => {
    const file = fileParam(uri);
    const other = rev !== undefined ? { rev } : { file: fileParam(otherUri!) };
    const { html } = service.compare(file, other, await session.settingsFor(file));
    return { html, bom: bomOf(file) };
  });

  onRequest(session, ProfilesRequest, uriParams, async ({ uri }, service) => {
    const file = fileParam(uri);
    return service.profiles(file, await session.settingsFor(file));
  });
}

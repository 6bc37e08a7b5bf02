/** What several handlers share: the file a request's URI names. */
import { ServiceError } from '../../service/index.js';
import { fileOf } from '../documents.js';

/** The service's name for a request's URI; a refusal (RequestFailed) when the URI cannot name a document. */
export function fileParam(uri: string): string {
  const file = fileOf(uri);
  if (file === undefined) throw new ServiceError(`"${uri.slice(0, 200)}" is not a usable document URI`);
  return file;
}

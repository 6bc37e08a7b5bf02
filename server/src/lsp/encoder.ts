/**
 * The JSON of the messages the server writes on a stream (stdio). `textDocument/publishDiagnostics` is
 * written from the JSON of each diagnostic, kept per diagnostic object: an open document's diagnostics are
 * the same objects from one keystroke to the next (convert.ts `DiagnosticConversions`), so a publish costs
 * the JSON of the diagnostics that changed and one concatenation, not a stringify of thousands of objects.
 * Every other message is `JSON.stringify`'d as vscode-jsonrpc does. (Over Node IPC, VS Code's default
 * transport, Node serialises messages itself.)
 */
import type { Message, NotificationMessage } from 'vscode-jsonrpc';
import type { MessageWriterOptions } from 'vscode-jsonrpc/node';

const jsonOf = new WeakMap<object, string>();

/** The message as JSON: equal, once parsed, to `JSON.stringify(msg)` parsed. */
export function messageJson(msg: Message): string {
  const n = msg as NotificationMessage;
  const params = n.method === 'textDocument/publishDiagnostics' ? (n.params as { diagnostics?: unknown } | undefined) : undefined;
  if (!params || !Array.isArray(params.diagnostics)) return JSON.stringify(msg);
  const { diagnostics, ...rest } = params;
  const parts: string[] = new Array(diagnostics.length);
  for (let i = 0; i < diagnostics.length; i++) {
    const d = diagnostics[i] as object;
    let json = jsonOf.get(d);
    if (json === undefined) jsonOf.set(d, (json = JSON.stringify(d)));
    parts[i] = json;
  }
  const head = JSON.stringify(rest);
  const fields = head.length > 2 ? `${head.slice(0, -1)},` : '{';
  return `{"jsonrpc":${JSON.stringify(n.jsonrpc)},"method":"textDocument/publishDiagnostics","params":${fields}"diagnostics":[${parts.join(',')}]}}`;
}

/** Milliseconds the last `publishDiagnostics` took to encode (the benchmark's breakdown, `--timings`). */
export const lastPublish = { encodeMs: 0, bytes: 0 };

/** Options for vscode-jsonrpc's stream writer that encode with `messageJson`. */
export const MESSAGE_WRITER_OPTIONS: MessageWriterOptions = {
  charset: 'utf-8',
  contentTypeEncoder: {
    name: 'application/json',
    encode: (msg, options) => {
      const t0 = performance.now();
      const bytes = Buffer.from(messageJson(msg), options.charset);
      if ((msg as NotificationMessage).method === 'textDocument/publishDiagnostics') {
        lastPublish.encodeMs = performance.now() - t0;
        lastPublish.bytes = bytes.length;
      }
      return Promise.resolve(bytes);
    },
  },
};

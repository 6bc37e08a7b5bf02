/**
 * The JSON of the messages the server writes on a stream (stdio). `textDocument/publishDiagnostics` is
 * written from the UTF-8 JSON of each diagnostic, kept per diagnostic object: an open document's diagnostics are
 * the same objects from one keystroke to the next (convert.ts `DiagnosticConversions`), so a publish costs
 * the JSON of the diagnostics that changed and one concatenation, not a stringify of thousands of objects.
 * Every other message is `JSON.stringify`'d as vscode-jsonrpc does. (Over Node IPC, VS Code's default
 * transport, Node serialises messages itself.)
 */
import type { Message, NotificationMessage } from 'vscode-jsonrpc';
import type { MessageWriterOptions } from 'vscode-jsonrpc/node';

/** Each diagnostic sent, as UTF-8 JSON preceded by a comma. */
const bytesOf = new WeakMap<object, Buffer>();

/** The message as UTF-8 JSON: equal, once parsed, to `JSON.stringify(msg)` parsed. */
export function messageBytes(msg: Message): Buffer {
  const n = msg as NotificationMessage;
  const params = n.method === 'textDocument/publishDiagnostics' ? (n.params as { diagnostics?: unknown } | undefined) : undefined;
  if (!params || !Array.isArray(params.diagnostics)) return Buffer.from(JSON.stringify(msg), 'utf8');
  const { diagnostics, ...rest } = params;
  const head = JSON.stringify(rest);
  const fields = head.length > 2 ? `${head.slice(0, -1)},` : '{';
  const parts: Buffer[] = new Array(diagnostics.length + 2);
  parts[0] = Buffer.from(`{"jsonrpc":${JSON.stringify(n.jsonrpc)},"method":"textDocument/publishDiagnostics","params":${fields}"diagnostics":[`, 'utf8');
  for (let i = 0; i < diagnostics.length; i++) {
    const d = diagnostics[i] as object;
    let b = bytesOf.get(d);
    if (b === undefined) bytesOf.set(d, (b = Buffer.from(`,${JSON.stringify(d)}`, 'utf8')));
    parts[i + 1] = i === 0 ? b.subarray(1) : b;
  }
  parts[diagnostics.length + 1] = Buffer.from(']}}', 'utf8');
  return Buffer.concat(parts);
}

/** `messageBytes` as a string (tests). */
export function messageJson(msg: Message): string {
  return messageBytes(msg).toString('utf8');
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
      // Always UTF-8 (the writer's charset here); kept JSON is UTF-8 bytes.
      const bytes = options.charset === 'utf-8' ? messageBytes(msg) : Buffer.from(JSON.stringify(msg), options.charset);
      if ((msg as NotificationMessage).method === 'textDocument/publishDiagnostics') {
        lastPublish.encodeMs = performance.now() - t0;
        lastPublish.bytes = bytes.length;
      }
      return Promise.resolve(bytes);
    },
  },
};

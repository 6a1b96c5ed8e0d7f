import "server-only";
import diagnostics from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";

// Two things Next cannot be told, done where Node publishes every incoming request (a
// diagnostics channel, before any handler sees it):
// - The client address. Next passes route handlers no socket, and fills X-Forwarded-For with the
//   socket address only when the client sent none, so a client could name any address. We write
//   the socket peer into a header of our own, overwriting whatever a client put there.
// - Malformed percent-encoding in the path ("%zz", "%E0%A4%A"). Next fails to decode the dynamic
//   segment, cannot render its 400 page in an App Router build and answers a plain-text 500
//   without our headers. We escape the bad segment's "%" so routing goes on, and flag the request:
//   route() and proxy.ts answer it with the JSON 400 and the usual headers.

/** Request header holding the TCP peer's address (set by the server, never by a client). */
export const PEER_HEADER = "x-edgescope-peer";
/** Request header present when the path had a malformed percent-encoding (proxy.ts repeats the name). */
export const BAD_PATH_HEADER = "x-edgescope-bad-path";

/** The URL with every path segment that does not decode made literal ("%" → "%25"), and whether there was one. */
export function escapeMalformedPath(url: string): { url: string; bad: boolean } {
  const q = url.search(/[?#]/);
  const path = q === -1 ? url : url.slice(0, q);
  let bad = false;
  const segments = path.split("/").map((segment) => {
    try {
      decodeURIComponent(segment);
      return segment;
    } catch {
      bad = true;
      return segment.replace(/%/g, "%25");
    }
  });
  return { url: bad ? segments.join("/") + (q === -1 ? "" : url.slice(q)) : url, bad };
}

const state = globalThis as unknown as { edgescopeRequestStamp?: boolean };

function stamp({ request, socket }: { request: IncomingMessage; socket: Socket }) {
  if (socket.remoteAddress) request.headers[PEER_HEADER] = socket.remoteAddress;
  else delete request.headers[PEER_HEADER];
  delete request.headers[BAD_PATH_HEADER];
  if (request.url) {
    const { url, bad } = escapeMalformedPath(request.url);
    if (bad) {
      request.url = url;
      request.headers[BAD_PATH_HEADER] = "1";
    }
  }
}

/** Installs the stamp once per process (the runtime calls it at start). */
export function installRequestStamp(): void {
  if (state.edgescopeRequestStamp) return;
  diagnostics.subscribe("http.server.request.start", stamp as (message: unknown) => void);
  state.edgescopeRequestStamp = true;
}

export const peerStampInstalled = () => state.edgescopeRequestStamp === true;

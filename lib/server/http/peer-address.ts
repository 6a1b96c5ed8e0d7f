import "server-only";
import diagnostics from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";

// Next passes route handlers no socket, and fills X-Forwarded-For with the socket address only
// when the client sent none, so a client can name any address it likes. Node publishes every
// incoming request on a diagnostics channel before any handler sees it; there we write the socket
// peer into a header of our own, overwriting whatever a client put there.

/** Request header holding the TCP peer's address (set by the server, never by a client). */
export const PEER_HEADER = "x-edgescope-peer";

const state = globalThis as unknown as { edgescopePeerStamp?: boolean };

function stamp({ request, socket }: { request: IncomingMessage; socket: Socket }) {
  if (socket.remoteAddress) request.headers[PEER_HEADER] = socket.remoteAddress;
  else delete request.headers[PEER_HEADER];
}

/** Installs the stamp once per process (the runtime calls it at start). */
export function installPeerStamp(): void {
  if (state.edgescopePeerStamp) return;
  diagnostics.subscribe("http.server.request.start", stamp as (message: unknown) => void);
  state.edgescopePeerStamp = true;
}

export const peerStampInstalled = () => state.edgescopePeerStamp === true;

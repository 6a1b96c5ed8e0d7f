import "server-only";
import type { SecretBox } from "@/lib/server/crypto/secret-box";
import { TRANSPORT_DEFAULTS, type NodeEndpoint } from "@/lib/server/transport/endpoint";

export interface StoredNode {
  id: string;
  baseUrl: string;
  username: string;
  passwordEnc: string;
  caPem: string | null;
  tlsInsecure: boolean;
}

/** Opens a stored node's sealed password into an endpoint the transport can use. */
export function toEndpoint(node: StoredNode, box: SecretBox, responseTimeoutMs: number): NodeEndpoint {
  return {
    id: node.id,
    baseUrl: node.baseUrl,
    username: node.username,
    password: box.open(node.passwordEnc),
    caPem: node.caPem,
    tlsInsecure: node.tlsInsecure,
    connectTimeoutMs: TRANSPORT_DEFAULTS.connectTimeoutMs,
    responseTimeoutMs,
  };
}

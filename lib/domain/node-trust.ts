// Which node changes need the API password entered again (isomorphic: the API enforces it, the
// form says it before sending). The stored password is only ever sent to the host, port and TLS
// trust it was entered for; otherwise an admin could point a node at a host of their own, press
// Test connection and read the "write-only" password there.

export interface NodeTrust {
  baseUrl: string;
  caPem: string | null;
  tlsInsecure: boolean;
}

export const PASSWORD_AGAIN_MESSAGE =
  "Enter the API password again to change the node's host, port or TLS trust (CA certificate or verification): the stored password is only sent where it was entered for.";

/** host:port of a management URL (the default port made explicit), or the text itself when it is no URL. */
function hostPort(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || (u.protocol === "https:" ? "443" : "80")}`;
  } catch {
    return url;
  }
}

const pemOf = (pem: string | null | undefined) => (pem ?? "").trim();

/** The fields of `patch` that move the stored password to another host or trust (empty: none). */
export function passwordBoundChanges(
  stored: NodeTrust,
  patch: Partial<NodeTrust>,
): ("baseUrl" | "caPem" | "tlsInsecure")[] {
  const changed: ("baseUrl" | "caPem" | "tlsInsecure")[] = [];
  if (patch.baseUrl !== undefined && hostPort(patch.baseUrl) !== hostPort(stored.baseUrl)) changed.push("baseUrl");
  if (patch.caPem !== undefined && pemOf(patch.caPem) !== pemOf(stored.caPem)) changed.push("caPem");
  // Turning verification off trusts any certificate; turning it back on only narrows trust.
  if (patch.tlsInsecure === true && !stored.tlsInsecure) changed.push("tlsInsecure");
  return changed;
}

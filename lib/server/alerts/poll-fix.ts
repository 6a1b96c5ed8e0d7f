import "server-only";
import type { PollOutcome } from "@/lib/domain/types";

/** First steps when a node's API polls fail, by how they fail (the collectors' typed failures). */
export const POLL_FIX: Record<Exclude<PollOutcome, "ok">, string[]> = {
  timeout: [
    "Check the node is up and not overloaded (its web UI answers?).",
    "Check the path from Edgescope to the node's management port (firewall, proxy).",
  ],
  unreachable: [
    "Check the node is up and its management address and port in Settings are right.",
    "Check DNS and routing from the Edgescope server to the node.",
  ],
  auth: [
    "Check the API user in Settings still exists on the node and its password has not changed.",
    "Check the account has API access (Expressway: read-only API; CMS: API user).",
  ],
  tls: [
    "Check the node's certificate: not expired, names the host in its base URL, signed by the CA set in Settings.",
    "After a certificate renewal, paste the new CA in Settings.",
  ],
  http: [
    "Read the node's answer below: an HTTP error from its API (e.g. 500 after an upgrade).",
    "Restart the node's web services if the API keeps answering errors.",
  ],
  parse: [
    "The node answered something Edgescope cannot read (broken XML/JSON): check its software version is supported.",
    "Compare the answer with the API reference of that version.",
  ],
};

export const STALE_FIX = [
  "Check the Edgescope server is running and polling: GET /api/health shows the poller and its leases.",
  "With several instances, check at least one is up and reaches the database.",
  "Look at the poll errors on the deployment page: a node hanging on every request shows as stale.",
];

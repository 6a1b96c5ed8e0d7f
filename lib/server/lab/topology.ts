import "server-only";
import type { NodeRole } from "@/lib/domain/types";

// The lab deployment, named as in the domain brief: one Expressway-C, two Expressway-E nodes
// (a cluster, each with its own TURN server) and one Meeting Server. Addresses are data only:
// the lab itself listens on loopback.

export const LAB_DEPLOYMENT = {
  name: "Lab",
  joinUrl: "webbridge.example.com",
  callBridgeDomain: "example.com",
} as const;

export interface LabNodeSpec {
  key: string;
  role: NodeRole;
  name: string;
  privateAddress?: string;
  publicAddress?: string;
}

export const LAB_NODES: readonly LabNodeSpec[] = [
  { key: "vcs-c", role: "EXPRESSWAY_C", name: "vcs-c.example.local", privateAddress: "10.0.0.30" },
  {
    key: "vcs-e1",
    role: "EXPRESSWAY_E",
    name: "vcs-e1.example.local",
    privateAddress: "10.0.0.36",
    publicAddress: "203.0.113.5",
  },
  {
    key: "vcs-e2",
    role: "EXPRESSWAY_E",
    name: "vcs-e2.example.local",
    privateAddress: "10.0.0.37",
    publicAddress: "203.0.113.6",
  },
  { key: "cms1", role: "CMS", name: "cms1.example.local", privateAddress: "10.0.0.20" },
];

export const LAB_VERSIONS = { expressway: "X15.2.1", cms: "3.9.2" } as const;

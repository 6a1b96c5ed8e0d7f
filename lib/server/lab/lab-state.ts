import "server-only";
import type { ActiveFault, FaultName } from "./faults";
import { RelayCounter } from "./relay-curve";
import { LAB_NODES } from "./topology";

/** Largest page the lab's CMS API answers when none is set (real CMS caps pages too; value [I]). */
export const DEFAULT_CMS_MAX_PAGE_SIZE = 10;

export interface LabStateOptions {
  now?: () => Date;
  /** Items per CMS collection page at most, whatever `limit` asks; 1 exercises paging. */
  cmsMaxPageSize?: number;
}

/** What the lab's CMS lists as its Web Bridge `url` and Call Bridge `address` (the certificate audit handshakes them). */
export interface LabListedAddresses {
  webBridgeUrl: string;
  callBridgeAddress: string;
}

/** Mutable state of a running lab: counters that move with time, and the faults switched on. */
export class LabState {
  private faults: ActiveFault[] = [];
  readonly relays = new Map<string, RelayCounter>();
  readonly now: () => Date;
  readonly startedAt: number;
  cmsMaxPageSize: number;
  /**
   * Set by startLab to the CMS's own loopback address (so the audit folds them into the management
   * address and probes stay on this machine); tests point them at their own TLS servers. Unset (the
   * scale lab): the topology's documentation addresses.
   */
  listed: LabListedAddresses | null = null;

  constructor(o: LabStateOptions | (() => Date) = {}) {
    const opts = typeof o === "function" ? { now: o } : o;
    this.now = opts.now ?? (() => new Date());
    this.startedAt = this.now().getTime();
    this.cmsMaxPageSize = opts.cmsMaxPageSize ?? DEFAULT_CMS_MAX_PAGE_SIZE;
    LAB_NODES.filter((n) => n.role === "EXPRESSWAY_E").forEach((n, i) => this.relays.set(n.key, new RelayCounter(i)));
  }

  /** Seconds since the lab started: every simulated node "booted" with it. */
  uptimeSeconds(): number {
    return Math.floor((this.now().getTime() - this.startedAt) / 1000);
  }

  activeFaults(): ActiveFault[] {
    return [...this.faults];
  }

  setFault(name: FaultName, node: string | null): void {
    this.faults = this.faults.filter((f) => !(f.name === name && f.node === node));
    this.faults.push({ name, node });
  }

  clearFault(name?: FaultName): void {
    this.faults = name ? this.faults.filter((f) => f.name !== name) : [];
  }

  /** Switched on at all, whatever node: for lab-wide faults (the DNS resolvers). */
  isOn(name: FaultName): boolean {
    return this.faults.some((f) => f.name === name);
  }

  has(name: FaultName, nodeKey: string): boolean {
    return this.faults.some((f) => f.name === name && (f.node === null || f.node === nodeKey));
  }
}

import "server-only";
import type { ActiveFault, FaultName } from "./faults";
import { RelayCounter } from "./relay-curve";
import { LAB_NODES } from "./topology";

/** Mutable state of a running lab: counters that move with time, and the faults switched on. */
export class LabState {
  private faults: ActiveFault[] = [];
  readonly relays = new Map<string, RelayCounter>();

  constructor(readonly now: () => Date = () => new Date()) {
    LAB_NODES.filter((n) => n.role === "EXPRESSWAY_E").forEach((n, i) => this.relays.set(n.key, new RelayCounter(i)));
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

  has(name: FaultName, nodeKey: string): boolean {
    return this.faults.some((f) => f.name === name && (f.node === null || f.node === nodeKey));
  }
}

import "server-only";

// Public surface of the TURN probe; the pcap analyzer imports the codec directly.
export { probeTurn, stunBinding } from "./turn-client";
export type * from "./turn-types";
export * from "./stun-codec";

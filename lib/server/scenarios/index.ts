import "server-only";

// The verdict engine: T1–T4 from checks, live probes and the evidence a troubleshooting case attached.
export { detect, type Detection } from "./detect";

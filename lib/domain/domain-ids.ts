// The R, C and V items of the domain brief (cms-webrtc-expressway.md), which every check or manual
// step traces back to; a unit test asserts each one is covered.
export const REQUIREMENT_IDS = [
  "R1",
  "R2",
  "R3",
  "R4",
  "R5",
  "R6",
  "R7",
  "R8",
  "R9",
  "R10",
  "R11",
  "R12",
  "R13",
] as const;
export const CONFIGURATION_IDS = ["C1", "C2", "C3", "C4", "C5"] as const;
export const VERIFICATION_IDS = ["V1", "V2", "V3", "V4", "V5"] as const;
export const CHECKABLE_DOMAIN_IDS = [...REQUIREMENT_IDS, ...CONFIGURATION_IDS, ...VERIFICATION_IDS] as const;

// Shared vocabulary of the wire-format notes in this folder (isomorphic, no I/O).

// Names a device may use for one field, ours first (a parser records which it matched).
export type Aliases = Record<string, readonly [string, ...string[]]>;

import "server-only";
import { z } from "zod";

// zod building blocks for values read as XML text. Empty elements (<x/>) read as "", which
// optional fields treat as absent: devices leave unset values empty rather than omitting them.

const emptyToUndefined = (v: unknown) => (v === "" ? undefined : v);

/** A non-negative integer count, required. */
export const count = z.coerce.number().int().nonnegative();
/** A non-negative integer, absent when missing or empty. */
export const optCount = z.preprocess(emptyToUndefined, count.optional());
/** A non-negative number (fractions allowed, e.g. a round-trip time), absent when missing or empty. */
export const optNumber = z.preprocess(emptyToUndefined, z.coerce.number().nonnegative().optional());
/** A TCP/UDP port number. */
export const port = z.coerce.number().int().min(1).max(65535);
/** Non-empty text, required. */
export const text = z.string().trim().min(1);
/** Text that may be missing or empty (then null, so snapshots keep a stable shape). */
export const optText = z.preprocess((v) => (v === "" || v === undefined ? null : v), z.string().nullable());
/** CMS booleans are the words true/false [C]. */
export const boolWord = z.enum(["true", "false"]).transform((v) => v === "true");
export const optBoolWord = z.preprocess(emptyToUndefined, boolWord.optional());

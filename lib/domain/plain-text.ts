// Names people type and others read (deployments, nodes, API usernames): no control characters
// (NUL, line breaks, escape sequences) and no invisible format characters such as the bidi
// overrides U+202E/U+2066–2069, which make a name display as something it is not in the UI, the
// audit log and exported reports.
import { z } from "zod";

const INVISIBLE = /[\p{Cc}\p{Cf}\u2028\u2029]/u;

export const hasInvisible = (s: string) => INVISIBLE.test(s);

/** A trimmed single-line text of 1…max visible characters. */
export const plainText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, "Required")
    .max(max, `At most ${max} characters`)
    .refine(
      (s) => !hasInvisible(s),
      "Must not contain control or invisible formatting characters (e.g. NUL, line breaks, right-to-left overrides)",
    );

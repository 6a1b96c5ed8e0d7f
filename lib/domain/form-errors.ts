// Field errors of a form from zod issues (pure, unit-tested): every field's first message at
// once, keyed by the field's name, so a form never shows one error, then the next after a fix.

export interface IssueLike {
  path: readonly PropertyKey[];
  message: string;
}

/** field → its first message; issues without a path go under "_" (the form's own line). */
export function fieldErrors(issues: readonly IssueLike[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues) {
    const key = i.path.length ? String(i.path[0]) : "_";
    if (!(key in out)) out[key] = i.message;
  }
  return out;
}

/**
 * Errors to show after a field was left: the fields touched so far keep their current error (or
 * lose it once fixed); untouched fields say nothing until the form is sent.
 */
export function touchedErrors(all: Record<string, string>, touched: ReadonlySet<string>): Record<string, string> {
  return Object.fromEntries(Object.entries(all).filter(([k]) => touched.has(k)));
}

// Where the login page may send the browser after a login: only a path on this site. A string
// test ("starts with / but not //") is not enough: browsers read "/\evil" as "//evil", strip tabs
// and line breaks ("/\t/evil"), and Next decodes "%5C" in the query to "\" before we see it. So the
// target is resolved the way the browser will resolve it, with `new URL`, and kept only when it
// stays on our origin.

/** A same-origin path (+ query and fragment) for `next`, or "/" when it would leave `origin`. */
export function safeNextPath(next: string | null | undefined, origin: string): string {
  if (!next) return "/";
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    return "/";
  }
  if (url.origin !== new URL(origin).origin) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}

// Two ways of comparing what devices and users write for a machine, kept apart on purpose (pure).
// sameHost compares the host part of things that may be URLs (a Join URL, a tunnel's domain);
// sameName compares names or addresses as written (it must not cut an IPv6 address at ":").

/** Host names compare case-insensitively and without a trailing dot; a URL's scheme/path/port is ignored. */
export function hostOf(s: string | null | undefined): string {
  return (s ?? "")
    .trim()
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, "")
    .replace(/[/:][\s\S]*/, "")
    .replace(/\.$/, "");
}

/** Same host part (see hostOf); an empty side never matches. */
export const sameHost = (a: string | null | undefined, b: string | null | undefined) =>
  !!hostOf(a) && hostOf(a) === hostOf(b);

const nameOf = (s: string) => s.trim().toLowerCase().replace(/\.$/, "");

/** Same DNS name or address, ignoring case and a trailing dot; an empty or missing side never matches. */
export const sameName = (a: string | null | undefined, b: string | null | undefined) =>
  !!a && !!b && nameOf(a) === nameOf(b);

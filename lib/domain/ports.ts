// TCP/UDP ports as people type them (pure, unit-tested; the zod schemas of every form and route
// that take a port use these): 1–65535, whole numbers, nothing else. Port 0 is "any port" to a
// socket API and never a service's port; 65536 and up do not exist.
import { z } from "zod";

export const PORT_MIN = 1;
export const PORT_MAX = 65535;
export const PORT_MESSAGE = `Port must be a whole number from ${PORT_MIN} to ${PORT_MAX}`;

export const isPort = (n: number): boolean => Number.isInteger(n) && n >= PORT_MIN && n <= PORT_MAX;

/** A port as a number (e.g. a form's number field). */
export const portSchema = z
  .number({ message: PORT_MESSAGE })
  .int(PORT_MESSAGE)
  .min(PORT_MIN, PORT_MESSAGE)
  .max(PORT_MAX, PORT_MESSAGE);

/** The text after the last ":" of "host:port" or "[v6]:port" (null when no port is written). */
export function portText(hostPort: string): string | null {
  const s = hostPort.trim();
  const m = s.startsWith("[") ? /^\[[^\]]*\](?::(.*))?$/.exec(s) : /^[^:]*(?::(.*))?$/.exec(s);
  if (!m) return null; // a bare IPv6 without brackets: no port
  return m[1] ?? null;
}

/** True when the written port (if any) is 1–65535: "192.0.2.53" and "192.0.2.53:53" pass, ":0", ":65536" and ":" do not. */
export function hasValidPort(hostPort: string, required = false): boolean {
  const p = portText(hostPort);
  if (p === null) return !required;
  return /^\d{1,5}$/.test(p) && isPort(Number(p));
}

/** The explicit port of an http(s) URL as written ("https://h:0/" → "0"); null when none is written. */
export function urlPortText(url: string): string | null {
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)(?::([^/?#]*))?/i.exec(url.trim());
  return m?.[2] ?? null;
}

/** True when a URL has no explicit port or one of 1–65535. */
export const urlHasValidPort = (url: string): boolean => {
  const p = urlPortText(url);
  return p === null || (/^\d{1,5}$/.test(p) && isPort(Number(p)));
};

// Seeded random request bodies for fuzzing: reproducible from the seed printed on failure.

export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIELDS = [
  "name",
  "joinUrl",
  "callBridgeDomain",
  "role",
  "baseUrl",
  "username",
  "password",
  "caPem",
  "tlsInsecure",
  "privateAddress",
  "publicAddress",
  "currentPassword",
  "newPassword",
  "rawSampleRetentionDays",
  "rollupHourRetentionDays",
  "pollRunRetentionDays",
  "auditRetentionDays",
  "__proto__",
  "constructor",
];
const STRINGS = [
  "",
  " ",
  "admin",
  "EXPRESSWAY_E",
  "viewer",
  "https://127.0.0.1:9",
  "https://user:pw@127.0.0.1",
  "webbridge.example.com",
  "203.0.113.5",
  "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----",
  "../../etc/passwd",
  "<script>alert(1)</script>",
  "\u0000",
  "💥".repeat(50),
  "'; DROP TABLE node; --",
  "%00",
  "1e309",
  "NaN",
  "true",
  "{}",
  "x".repeat(5000),
];

export function randomValue(r: () => number, depth = 0): unknown {
  const pick = <T>(a: readonly T[]) => a[Math.floor(r() * a.length)]!;
  switch (Math.floor(r() * (depth > 2 ? 5 : 8))) {
    case 0:
      return null;
    case 1:
      return r() < 0.5;
    case 2:
      return pick([0, -1, 1, 3650, 3651, 2 ** 53, -(2 ** 63), 1e308, 0.5, Number.MAX_SAFE_INTEGER]);
    case 3:
      return pick(STRINGS);
    case 4:
      return String.fromCharCode(...Array.from({ length: Math.floor(r() * 40) }, () => Math.floor(r() * 0xffff)));
    case 5:
      return Array.from({ length: Math.floor(r() * 4) }, () => randomValue(r, depth + 1));
    default: {
      const o: Record<string, unknown> = {};
      for (let i = Math.floor(r() * 6); i > 0; i--)
        o[r() < 0.8 ? pick(FIELDS) : pick(STRINGS)] = randomValue(r, depth + 1);
      return o;
    }
  }
}

/** A request body: mostly JSON (often object-shaped), sometimes broken or binary text. */
export function randomBody(r: () => number): string {
  const x = r();
  if (x < 0.1) return JSON.stringify(randomValue(r)).slice(0, Math.floor(r() * 30)); // truncated JSON
  if (x < 0.15) return Buffer.from(Array.from({ length: 64 }, () => Math.floor(r() * 256))).toString("latin1");
  if (x < 0.2) return "";
  return JSON.stringify(randomValue(r, r() < 0.7 ? 2 : 0) ?? null);
}

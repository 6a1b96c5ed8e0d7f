import "server-only";

// Version parsing for R1: "X15.2.1", "X8.11.3" (Expressway), "3.9.2", "2.0(RC)" (CMS).

export function parseVersion(text: string): number[] | null {
  const m = /(\d+(?:\.\d+)*)/.exec(text.replace(/^\s*X/i, ""));
  return m ? m[1]!.split(".").map(Number) : null;
}

/** <0, 0, >0 like a comparator; missing parts count as 0 (2.9 = 2.9.0). */
export function compareVersions(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

export const atLeast = (v: number[], min: number[]) => compareVersions(v, min) >= 0;

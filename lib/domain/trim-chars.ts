// Trimming by character class with a loop. `/^x+|x+$/` looks linear but is quadratic: on a long
// run of x that is not at the end, the second branch is retried from every position of the run
// (tests/unit/regex-safety.test.ts finds such patterns).

/** `text` without the leading and trailing characters for which `strip` is true (by code point). */
export function trimChars(text: string, strip: (ch: string) => boolean): string {
  const chars = Array.from(text);
  let start = 0;
  let end = chars.length;
  while (start < end && strip(chars[start]!)) start++;
  while (end > start && strip(chars[end - 1]!)) end--;
  return chars.slice(start, end).join("");
}

// What a chosen account password must be (isomorphic: the API enforces it, forms say it early).
// Length is what makes a password strong (NIST 800-63B); beyond that we refuse only the obvious:
// a small built-in list, too few different characters, whitespace or control characters alone,
// and the username itself. No composition rules: they push people to "Password1234!".
import { trimChars } from "./trim-chars";
import { z } from "zod";

/** Words behind most guessed passwords, in any case and with any digits or symbols around them. */
const COMMON_WORDS = new Set([
  "password",
  "passw0rd",
  "p@ssw0rd",
  "p@ssword",
  "pass",
  "passphrase",
  "qwerty",
  "qwertyuiop",
  "asdfghjkl",
  "zxcvbnm",
  "azerty",
  "letmein",
  "welcome",
  "changeme",
  "iloveyou",
  "admin",
  "administrator",
  "root",
  "login",
  "secret",
  "master",
  "monkey",
  "dragon",
  "football",
  "baseball",
  "sunshine",
  "princess",
  "trustno1",
  "abc",
  "abcdef",
  "abcdefgh",
  "default",
  "guest",
  "edgescope",
  "cisco",
  "expressway",
  "meetingserver",
  "webrtc",
  "summer",
  "winter",
  "spring",
  "autumn",
]);

/** A password with fewer different characters than this is a pattern, not a secret ("aaaaaaaaaaaa", "abababababab"). */
const MIN_DISTINCT = 5;

/** The core of a password: lower case, without the digits and symbols people wrap around a word. */
const wrapper = (ch: string) => /^[\d\W_]$/u.test(ch);
const core = (password: string) => trimChars(password.toLowerCase(), wrapper);

/** Why `password` is refused, or null when it is acceptable; `username` refuses the account's own name. */
export function passwordProblem(password: string, username?: string): string | null {
  if (password.length < 12) return "Password must be at least 12 characters";
  if (password.length > 256) return "Password must be at most 256 characters";
  if (/\p{Cc}/u.test(password)) return "Password must not contain control characters (NUL, tab, line breaks)";
  if (!password.trim()) return "Password must not be only spaces";
  if (new Set(password).size < MIN_DISTINCT) return `Password must use at least ${MIN_DISTINCT} different characters`;
  const word = core(password);
  if (COMMON_WORDS.has(word) || /^\d*$/.test(password.replace(/\s/g, "")))
    return "This password is too easy to guess; choose a longer phrase";
  if (username && (password.toLowerCase() === username.toLowerCase() || word === username.toLowerCase()))
    return "Password must not be the username";
  return null;
}

/** A new password without a known username (the username check runs where the account is known). */
export const passwordSchema = z.string().superRefine((p, ctx) => {
  const problem = passwordProblem(p);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

/** Adds the username check to an object schema holding both. */
export const refuseUsernameAsPassword = (
  username: string,
  password: string | undefined,
  ctx: z.RefinementCtx,
  path = "password",
) => {
  if (password !== undefined && passwordProblem(password, username))
    ctx.addIssue({ code: "custom", path: [path], message: passwordProblem(password, username)! });
};

// Why a single sign-on attempt was refused, in words for the person at the login page.

export const SSO_REFUSALS = {
  no_role: {
    title: "Access refused",
    text: "Your {provider} account is in none of the groups that grant access to Edgescope. Ask your administrator to add you to the Edgescope viewers, engineers or admins group, then sign in again.",
  },
  failed: {
    title: "Sign-in failed",
    text: "{provider} answered, but its sign-in could not be verified (the token was not for Edgescope, expired, or not signed as expected). Try again; if it keeps failing, the administrator finds the reason in the audit log.",
  },
  state: {
    title: "Sign-in expired",
    text: "The sign-in did not start from this browser or took too long. Sign in again.",
  },
  provider: {
    title: "Sign-in cancelled",
    text: "{provider} did not sign you in. Sign in again.",
  },
  unavailable: {
    title: "Identity provider unreachable",
    text: "Edgescope could not reach {provider}. Try again later.",
  },
} as const;

export type SsoRefusalCode = keyof typeof SSO_REFUSALS;

export const ssoRefusalCode = (v: string | undefined): SsoRefusalCode | null =>
  v && v in SSO_REFUSALS ? (v as SsoRefusalCode) : null;

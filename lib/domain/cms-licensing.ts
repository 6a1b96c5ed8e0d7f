// CMS licences (ciscocms/apiary, apiary.apib "Licensing Methods" and "Retrieving cluster licensing
// information"): GET /api/v1/system/licensing lists <features> with, per feature, <status>
// noLicense|activated|grace|expired and <expiry> ("2022-Aug-08" in Cisco's example). From 3.0 the
// status and expiry live in GET /api/v1/clusterLicensing (noLicense|activated|expired; expiry at
// most 90 days ahead). Pure: the check and the UI share it. See docs/capacity.md.

export const LICENCE_STATUSES = ["noLicense", "activated", "grace", "expired"] as const;
export type LicenceStatus = (typeof LICENCE_STATUSES)[number];

export interface LicenceFeature {
  name: string;
  status: LicenceStatus | string;
  /** ISO date (YYYY-MM-DD) when the expiry could be read; the raw text otherwise; null when absent. */
  expiry: string | null;
}

/** Days ahead at which an activated licence warns. clusterLicensing never shows more than 90. */
export const LICENCE_WARN_DAYS = 30;

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** "2022-Aug-08" (Cisco's example) or ISO "2022-08-08[T…]" → "2022-08-08"; anything else → null. */
export function parseCmsDate(text: string | null | undefined): string | null {
  if (!text) return null;
  const t = text.trim();
  const named = /^(\d{4})-([A-Za-z]{3})-(\d{1,2})$/.exec(t);
  if (named) {
    const m = MONTHS.indexOf(named[2]!.toLowerCase());
    return m < 0 ? null : `${named[1]}-${String(m + 1).padStart(2, "0")}-${named[3]!.padStart(2, "0")}`;
  }
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(t);
  return iso ? `${iso[1]}-${iso[2]}-${iso[3]}` : null;
}

export interface LicenceFinding {
  feature: string;
  status: "pass" | "warn" | "fail";
  message: string;
}

/** Expired or in grace → fail; activated and expiring within warnDays → warn; noLicense is no finding (an unlicensed feature is a choice). */
export function licenceFindings(
  features: LicenceFeature[],
  nowMs: number,
  warnDays = LICENCE_WARN_DAYS,
): LicenceFinding[] {
  const out: LicenceFinding[] = [];
  for (const f of features) {
    if (f.status === "expired")
      out.push({
        feature: f.name,
        status: "fail",
        message: `${f.name}: licence expired${f.expiry ? ` (${f.expiry})` : ""}`,
      });
    else if (f.status === "grace")
      out.push({
        feature: f.name,
        status: "fail",
        message: `${f.name}: licence expired, in its grace period${f.expiry ? ` (expiry ${f.expiry})` : ""}`,
      });
    else if (f.status === "activated" && f.expiry) {
      const iso = parseCmsDate(f.expiry);
      if (!iso) continue;
      const days = Math.floor((Date.parse(`${iso}T23:59:59Z`) - nowMs) / 86_400_000);
      if (days < 0) out.push({ feature: f.name, status: "fail", message: `${f.name}: expiry ${iso} has passed` });
      else if (days < warnDays)
        out.push({ feature: f.name, status: "warn", message: `${f.name}: licence expires ${iso} (${days} days)` });
    }
  }
  return out;
}

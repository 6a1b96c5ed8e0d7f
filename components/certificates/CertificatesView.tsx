"use client";

import { downloadText } from "@/components/history/download-text";
import { Card } from "@/components/ui/Card";
import { ErrorBanner } from "@/components/ui/ErrorBanner";
import { Skeleton } from "@/components/ui/Skeleton";
import { certificatesCsv, type CertificateRow } from "@/lib/domain/certificates";
import { useAuditCertificatesMutation } from "./useAuditCertificatesMutation";
import { useCertificatesQuery } from "./useCertificatesQuery";

/**
 * Colour of the days-left cell from the state the server computed with the configured reminders
 * (the cert-expiry check's rule): red when expired, amber inside the smaller reminders, yellow
 * inside the larger ones.
 */
function daysClass(r: CertificateRow): string {
  if (r.expiry.status === "fail") return "bg-red-600 text-white";
  if (r.expiry.status === "warn")
    return r.expiry.urgent ? "bg-amber-500 text-slate-950" : "bg-yellow-300 text-slate-950";
  return "";
}

const eku = (r: CertificateRow) => (r.extendedKeyUsages === null ? "any" : r.extendedKeyUsages.join(", ") || "none");

/** Every certificate of every deployment, soonest expiry first, with what the audit found wrong. */
export function CertificatesView({ canProbe }: { canProbe: boolean }) {
  const q = useCertificatesQuery();
  const audit = useAuditCertificatesMutation();
  if (q.isPending) return <Skeleton className="h-96" />;
  if (q.error) return <ErrorBanner title="Could not load certificates" error={q.error} />;
  const { rows, unreachable, generatedAt, reminderDays } = q.data;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end gap-4">
        <h1 className="mr-auto text-3xl font-bold">Certificates</h1>
        {canProbe && (
          <button
            type="button"
            onClick={() => audit.mutate()}
            disabled={audit.isPending}
            className="rounded border border-slate-400 px-3 py-1 text-sm hover:bg-slate-100 dark:hover:bg-slate-800"
          >
            {audit.isPending ? "Auditing…" : "Audit now"}
          </button>
        )}
        <button
          type="button"
          onClick={() => downloadText(`certificates-${generatedAt.slice(0, 10)}.csv`, certificatesCsv(rows))}
          className="rounded border border-slate-400 px-3 py-1 text-sm hover:bg-slate-100 dark:hover:bg-slate-800"
          disabled={!rows.length}
        >
          Download CSV
        </button>
      </div>
      {audit.error && <ErrorBanner title="Audit failed" error={audit.error} />}
      <p className="text-sm text-slate-500">
        From the TLS handshake of each node's management address, each Expressway-E's public 443 (Join URL), the Web
        Bridge and Call Bridge addresses CMS lists, and any extra targets set on a node. Reminders at{" "}
        {reminderDays.join(", ")} days; Expressway certificates without clientAuth on X14–X15.3 break the traversal zone
        (Cisco FN74362).
      </p>
      <Card>
        {rows.length === 0 ? (
          <p className="text-slate-500">
            No certificate audited yet: the probe schedule fills this in{canProbe ? ", or press Audit now" : ""}.
          </p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm" data-testid="certificates-table">
              <thead className="text-xs uppercase text-slate-500">
                <tr>
                  {[
                    "Days left",
                    "Deployment",
                    "Node",
                    "Endpoint",
                    "Subject / SANs",
                    "Issuer",
                    "Key",
                    "Signature",
                    "EKU",
                    "Problems",
                  ].map((h) => (
                    <th key={h} className="px-2 py-1">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r, i) => (
                  <tr
                    key={`${r.nodeId}-${r.endpoint}-${i}`}
                    className="border-t border-slate-200 align-top dark:border-slate-800"
                    data-days={r.daysLeft}
                    data-expiry={r.expiry.status}
                    data-reminder={r.expiry.reminder ?? undefined}
                  >
                    <td className="px-2 py-1">
                      <span className={`rounded px-1.5 py-0.5 font-semibold tabular-nums ${daysClass(r)}`}>
                        {r.expired ? `expired ${-r.daysLeft} d` : r.daysLeft}
                      </span>
                    </td>
                    <td className="px-2 py-1">{r.deploymentName}</td>
                    <td className="px-2 py-1">{r.nodeName}</td>
                    <td className="px-2 py-1">
                      {r.endpoint} <span className="text-slate-500">{r.position}</span>
                      <div className="text-xs text-slate-500">{r.target}</div>
                    </td>
                    <td className="px-2 py-1 break-all">
                      {r.subject}
                      <div className="text-xs text-slate-500">{r.sans.join(", ")}</div>
                    </td>
                    <td className="px-2 py-1 break-words">{r.issuer}</td>
                    <td className="px-2 py-1 whitespace-nowrap">
                      {r.keyType}
                      {r.keyBits ? ` ${r.keyBits}` : ""}
                    </td>
                    <td className="px-2 py-1">{r.signatureAlgorithm}</td>
                    <td className="px-2 py-1">{eku(r)}</td>
                    <td className="px-2 py-1 text-red-700 dark:text-red-400">{r.problems.join("; ")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      {unreachable.length > 0 && (
        <Card title="Not audited">
          <ul className="list-disc pl-5 text-sm">
            {unreachable.map((u, i) => (
              <li key={i}>
                {u.deploymentName} · {u.nodeName} · {u.endpoint}: {u.detail}
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}

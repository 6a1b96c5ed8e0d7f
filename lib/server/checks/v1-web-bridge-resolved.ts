import "server-only";
import { sameName } from "@/lib/domain/hosts";
import { partLine } from "@/lib/domain/source-parts";
import { ev, nodesOf } from "./support";
import { cmsSettingsReadings } from "./cms-settings";
import { defineCheck } from "./types";

// V1: Expressway-C's Cisco Meeting Server page lists the Join URL with the Web Bridge address(es)
// it resolved. An E address there means inside DNS points the Join URL at Expressway-E (R9).
export const v1WebBridgeResolved = defineCheck({
  id: "v1-web-bridge-resolved",
  domainIds: ["V1"],
  title: "Expressway-C resolved the Web Bridge address",
  area: "allowlist",
  evaluate(ctx) {
    const readings = cmsSettingsReadings(ctx);
    if (!Array.isArray(readings)) return readings;
    const join = ctx.deployment.joinUrl;
    const eAddresses = new Set(
      nodesOf(ctx, "EXPRESSWAY_E")
        .flatMap((e) => [e.publicAddress, e.privateAddress])
        .filter((a): a is string => !!a),
    );
    const evidence = [];
    const problems: string[] = [];
    const notRead = readings.filter((r) => r.data!.content.resolved === null);
    if (notRead.length) {
      const parts = notRead.flatMap((r) =>
        (r.data!.content.parts ?? [])
          .filter((p) => p.location.startsWith("/Status"))
          .map((p) => ev(r, "resolved Web Bridge table", partLine(p))),
      );
      return {
        status: "unknown",
        summary: `The resolved Web Bridge table could not be read on ${notRead.map((r) => r.node.name).join(", ")}.`,
        evidence: parts,
        fix: [
          "Open the deployment page: the source's parts say why (not available on this version, or a failed request); download the support bundle to see the raw answer.",
        ],
      };
    }
    for (const r of readings) {
      const rows = r.data!.content.resolved ?? [];
      const addresses = rows.filter((x) => sameName(x.name, join)).map((x) => x.address);
      evidence.push(
        ev(r, "resolved Web Bridge", rows.length ? rows.map((x) => `${x.name} → ${x.address}`).join(", ") : "(none)"),
      );
      if (!addresses.length) problems.push(`${r.node.name} resolved no address for ${join}`);
      const toE = addresses.filter((a) => eAddresses.has(a));
      if (toE.length) problems.push(`${r.node.name} resolved ${join} to Expressway-E (${toE.join(", ")})`);
    }
    if (!problems.length)
      return { status: "pass", summary: `${join} resolves to the Web Bridge on Expressway-C.`, evidence, fix: [] };
    return {
      status: "fail",
      summary: `${problems.join("; ")}.`,
      evidence,
      fix: [
        "Expressway-C: Configuration > Unified Communications > Cisco Meeting Server: the Guest account client URI must be the Join URL (C1).",
        "Inside DNS (the servers Expressway-C uses) must resolve the Join URL to the Web Bridge address, never to Expressway-E (R9).",
        "Save the page again so Expressway-C resolves the name anew, and check the name → address table (V1).",
      ],
    };
  },
});

import "server-only";
import { COLLECTIONS } from "@/lib/domain/sources/cms-api";
import { SYSTEM_STATUS } from "@/lib/domain/sources/cms-system";
import type { LabState } from "../lab-state";
import type { LabAnswer } from "../node-server";
import type { LabNodeSpec } from "../topology";
import { cmsCapacityApi } from "./cms-capacity";
import { alarms, callBridges, systemStatus, turnHosts, turnServers, webBridges } from "./cms-objects";

// Meeting Server API (/api/v1, XML) over the objects in cms-objects.ts. Collections page with
// offset/limit, capped at the lab's page size; unknown ids answer 404 with <failureDetails>.

type Fields = Record<string, string | number | undefined>;
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const fields = (f: Fields) =>
  Object.entries(f)
    .map(([k, v]) => (v === undefined ? "" : v === "" ? `<${k}/>` : `<${k}>${esc(String(v))}</${k}>`))
    .join("");
const item = (name: string, id: string, f: Fields) => `<${name} id="${id}">${fields(f)}</${name}>`;
const doc = (body: string) => `<?xml version="1.0"?>\n${body}`;
const notFound = (reason: string): LabAnswer => ({
  status: 404,
  body: doc(`<failureDetails><${reason} /></failureDetails>`),
});

function page(
  state: LabState,
  query: URLSearchParams,
  c: { wrapper: string; item: string },
  list: { id: string; f: Fields }[],
): string {
  const offset = Math.max(0, Number(query.get("offset") ?? 0) || 0);
  const asked = Number(query.get("limit") ?? state.cmsMaxPageSize) || state.cmsMaxPageSize;
  const shown = list.slice(offset, offset + Math.min(asked, state.cmsMaxPageSize));
  return doc(
    `<${c.wrapper} total="${list.length}">${shown.map((x) => item(c.item, x.id, x.f)).join("")}</${c.wrapper}>`,
  );
}

export function cmsApi(state: LabState, _node: LabNodeSpec, pathAndQuery: string): LabAnswer | null {
  const url = new URL(pathAndQuery, "https://lab");
  const path = url.pathname;
  const q = url.searchParams;
  if (path === "/api/v1/system/status")
    return doc(`<${SYSTEM_STATUS.root}>${fields(systemStatus(state))}</${SYSTEM_STATUS.root}>`);
  if (path === "/api/v1/system/alarms")
    return page(
      state,
      q,
      COLLECTIONS.alarms,
      alarms(state).map(({ id, ...f }) => ({ id, f })),
    );

  const ts = turnServers(state);
  if (path === "/api/v1/turnServers")
    return page(
      state,
      q,
      COLLECTIONS.turnServers,
      ts.map((t) => ({ id: t.id, f: { serverAddress: t.serverAddress, clientAddress: t.clientAddress } })),
    );
  const turn = path.match(/^\/api\/v1\/turnServers\/([\w-]+)(\/status)?$/);
  if (turn) {
    const t = ts.find((x) => x.id === turn[1]);
    if (!t) return notFound("turnServerDoesNotExist");
    // The detail never returns the password (TAC 211301).
    if (!turn[2])
      return doc(
        item("turnServer", t.id, {
          serverAddress: t.serverAddress,
          clientAddress: t.clientAddress,
          username: t.username,
          type: t.type,
          tcpPortNumberOverride: t.tcpPortNumberOverride,
        }),
      );
    return doc(
      `<turnServer id="${t.id}">${turnHosts(state, t)
        .map((h) => `<host>${fields({ ...h })}</host>`)
        .join("")}</turnServer>`,
    );
  }

  const cbs = callBridges(state);
  if (path === "/api/v1/callBridges")
    return page(
      state,
      q,
      COLLECTIONS.callBridges,
      cbs.map((b) => ({ id: b.id, f: { name: b.name } })),
    );
  const cb = path.match(/^\/api\/v1\/callBridges\/([\w-]+)$/);
  if (cb) {
    const b = cbs.find((x) => x.id === cb[1]);
    return b
      ? doc(item("callBridge", b.id, { name: b.name, address: b.address, sipDomain: b.sipDomain }))
      : notFound("callBridgeDoesNotExist");
  }

  const wbs = webBridges(state);
  if (path === "/api/v1/webBridges")
    return page(
      state,
      q,
      COLLECTIONS.webBridges,
      wbs.map((w) => ({ id: w.id, f: { url: w.url } })),
    );
  const wb = path.match(/^\/api\/v1\/webBridges\/([\w-]+)(\/status)?$/);
  if (wb) {
    const w = wbs.find((x) => x.id === wb[1]);
    if (!w) return notFound("webBridgeDoesNotExist");
    return doc(
      wb[2]
        ? item("webBridge", w.id, w.status)
        : item("webBridge", w.id, { url: w.url, resourceArchive: w.resourceArchive }),
    );
  }
  return cmsCapacityApi(state, _node, path);
}

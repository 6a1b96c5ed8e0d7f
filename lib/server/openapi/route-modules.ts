import "server-only";
// Every API route module, with its address: the OpenAPI document is built from the specs route()
// attached to their handlers. tests/integration/openapi.test.ts fails when a route under app/api is missing here.
import * as alertsIdAckRoute from "@/app/api/alerts/[id]/ack/route";
import * as alertsIdSilenceRoute from "@/app/api/alerts/[id]/silence/route";
import * as alertsBoardRoute from "@/app/api/alerts/board/route";
import * as alertsChannelsIdRoute from "@/app/api/alerts/channels/[id]/route";
import * as alertsChannelsIdTestRoute from "@/app/api/alerts/channels/[id]/test/route";
import * as alertsChannelsRoute from "@/app/api/alerts/channels/route";
import * as alertsRoute from "@/app/api/alerts/route";
import * as alertsRulesIdRoute from "@/app/api/alerts/rules/[id]/route";
import * as alertsRulesRoute from "@/app/api/alerts/rules/route";
import * as maintenanceIdRoute from "@/app/api/maintenance/[id]/route";
import * as maintenanceRoute from "@/app/api/maintenance/route";
import * as analyzeKindRoute from "@/app/api/analyze/[kind]/route";
import * as analyzeRoute from "@/app/api/analyze/route";
import * as auditRoute from "@/app/api/audit/route";
import * as authLoginRoute from "@/app/api/auth/login/route";
import * as authLogoutRoute from "@/app/api/auth/logout/route";
import * as authMeRoute from "@/app/api/auth/me/route";
import * as authOidcCallbackRoute from "@/app/api/auth/oidc/callback/route";
import * as authOidcLoginRoute from "@/app/api/auth/oidc/login/route";
import * as authPasswordRoute from "@/app/api/auth/password/route";
import * as boardRoute from "@/app/api/board/route";
import * as certificatesRoute from "@/app/api/certificates/route";
import * as deploymentsIdChecksRoute from "@/app/api/deployments/[id]/checks/route";
import * as deploymentsIdForecastRoute from "@/app/api/deployments/[id]/forecast/route";
import * as deploymentsIdHistorySeriesRoute from "@/app/api/deployments/[id]/history/[series]/route";
import * as deploymentsIdNodesNodeIdRoute from "@/app/api/deployments/[id]/nodes/[nodeId]/route";
import * as deploymentsIdNodesNodeIdTestRoute from "@/app/api/deployments/[id]/nodes/[nodeId]/test/route";
import * as deploymentsIdNodesRoute from "@/app/api/deployments/[id]/nodes/route";
import * as deploymentsIdPollRoute from "@/app/api/deployments/[id]/poll/route";
import * as deploymentsIdRoute from "@/app/api/deployments/[id]/route";
import * as deploymentsIdScenariosRoute from "@/app/api/deployments/[id]/scenarios/route";
import * as deploymentsIdSupportBundleRoute from "@/app/api/deployments/[id]/support-bundle/route";
import * as deploymentsIdStatusRoute from "@/app/api/deployments/[id]/status/route";
import * as deploymentsIdTurnCredentialsNodeIdRoute from "@/app/api/deployments/[id]/turn-credentials/[nodeId]/route";
import * as deploymentsIdTurnCredentialsRoute from "@/app/api/deployments/[id]/turn-credentials/route";
import * as deploymentsRoute from "@/app/api/deployments/route";
import * as healthRoute from "@/app/api/health/route";
import * as probesProbeRoute from "@/app/api/probes/[probe]/route";
import * as settingsRoute from "@/app/api/settings/route";
import * as tokensIdRoute from "@/app/api/tokens/[id]/route";
import * as tokensRoute from "@/app/api/tokens/route";
import * as usersIdRoute from "@/app/api/users/[id]/route";
import * as usersRoute from "@/app/api/users/route";
import * as openapiRoute from "@/app/api/openapi.json/route";
import * as metricsRoute from "@/app/metrics/route";
import * as exportRoute from "@/app/api/export/route";

/** [address with [param] segments, module] */
export const ROUTE_MODULES: readonly (readonly [string, Record<string, unknown>])[] = [
  ["/api/alerts/[id]/ack", alertsIdAckRoute],
  ["/api/alerts/[id]/silence", alertsIdSilenceRoute],
  ["/api/alerts/board", alertsBoardRoute],
  ["/api/alerts/channels/[id]", alertsChannelsIdRoute],
  ["/api/alerts/channels/[id]/test", alertsChannelsIdTestRoute],
  ["/api/alerts/channels", alertsChannelsRoute],
  ["/api/alerts", alertsRoute],
  ["/api/alerts/rules/[id]", alertsRulesIdRoute],
  ["/api/alerts/rules", alertsRulesRoute],
  ["/api/maintenance/[id]", maintenanceIdRoute],
  ["/api/maintenance", maintenanceRoute],
  ["/api/analyze/[kind]", analyzeKindRoute],
  ["/api/analyze", analyzeRoute],
  ["/api/audit", auditRoute],
  ["/api/auth/login", authLoginRoute],
  ["/api/auth/logout", authLogoutRoute],
  ["/api/auth/me", authMeRoute],
  ["/api/auth/oidc/callback", authOidcCallbackRoute],
  ["/api/auth/oidc/login", authOidcLoginRoute],
  ["/api/auth/password", authPasswordRoute],
  ["/api/board", boardRoute],
  ["/api/certificates", certificatesRoute],
  ["/api/deployments/[id]/checks", deploymentsIdChecksRoute],
  ["/api/deployments/[id]/forecast", deploymentsIdForecastRoute],
  ["/api/deployments/[id]/history/[series]", deploymentsIdHistorySeriesRoute],
  ["/api/deployments/[id]/nodes/[nodeId]", deploymentsIdNodesNodeIdRoute],
  ["/api/deployments/[id]/nodes/[nodeId]/test", deploymentsIdNodesNodeIdTestRoute],
  ["/api/deployments/[id]/nodes", deploymentsIdNodesRoute],
  ["/api/deployments/[id]/poll", deploymentsIdPollRoute],
  ["/api/deployments/[id]", deploymentsIdRoute],
  ["/api/deployments/[id]/scenarios", deploymentsIdScenariosRoute],
  ["/api/deployments/[id]/status", deploymentsIdStatusRoute],
  ["/api/deployments/[id]/support-bundle", deploymentsIdSupportBundleRoute],
  ["/api/deployments/[id]/turn-credentials/[nodeId]", deploymentsIdTurnCredentialsNodeIdRoute],
  ["/api/deployments/[id]/turn-credentials", deploymentsIdTurnCredentialsRoute],
  ["/api/deployments", deploymentsRoute],
  ["/api/health", healthRoute],
  ["/api/probes/[probe]", probesProbeRoute],
  ["/api/settings", settingsRoute],
  ["/api/tokens/[id]", tokensIdRoute],
  ["/api/tokens", tokensRoute],
  ["/api/users/[id]", usersIdRoute],
  ["/api/users", usersRoute],
  ["/api/openapi.json", openapiRoute],
  ["/metrics", metricsRoute],
  ["/api/export", exportRoute],
];

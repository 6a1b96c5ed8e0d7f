import { useMutation, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import { queryKeys } from "@/lib/client/query-keys";
import type { Settings } from "@/lib/domain/settings";

/** The settings with the probe targets admins add (PUT /api/settings answers all of them). */
export type SettingsWithTargets = Settings & { probeExtraTargets?: string[] };

/** Saves part of the settings (PUT /api/settings); the answer replaces the cached settings. */
export function useSaveSettingsMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (patch: Partial<SettingsWithTargets>) =>
      fetchJson<SettingsWithTargets>("/api/settings", { method: "PUT", body: JSON.stringify(patch) }),
    onSuccess: (s) => qc.setQueryData(queryKeys.settings(), s),
  });
}

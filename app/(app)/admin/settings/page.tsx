import { ProbeTargetsForm } from "@/components/admin/ProbeTargetsForm";
import { SettingsForm } from "@/components/admin/SettingsForm";
import { DeploymentsSettings } from "@/components/settings/DeploymentsSettings";
import { requirePageUser } from "@/lib/server/auth/page-user";

export default async function SettingsPage() {
  await requirePageUser("admin");
  return (
    <div className="space-y-10">
      <h1 className="text-3xl font-bold">Settings</h1>
      <DeploymentsSettings />
      <SettingsForm />
      <ProbeTargetsForm />
    </div>
  );
}

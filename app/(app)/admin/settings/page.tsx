import { SettingsForm } from "@/components/admin/SettingsForm";
import { requirePageUser } from "@/lib/server/auth/page-user";

export default async function AdminSettingsFormPage() {
  await requirePageUser("admin");
  return <SettingsForm />;
}

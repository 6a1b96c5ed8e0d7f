import { AlertsTabs } from "@/components/alerts/AlertsTabs";
import { MaintenanceView } from "@/components/alerts/MaintenanceView";
import { hasRole } from "@/lib/domain/roles";
import { requirePageUser } from "@/lib/server/auth/page-user";

export default async function MaintenancePage() {
  const user = await requirePageUser("viewer");
  return (
    <>
      <AlertsTabs current="/maintenance" />
      <MaintenanceView canEdit={hasRole(user.role, "engineer")} />
    </>
  );
}

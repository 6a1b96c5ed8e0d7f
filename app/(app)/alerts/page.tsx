import { AlertsTabs } from "@/components/alerts/AlertsTabs";
import { AlertsView } from "@/components/alerts/AlertsView";
import { hasRole } from "@/lib/domain/roles";
import { requirePageUser } from "@/lib/server/auth/page-user";

export default async function AlertsPage() {
  const user = await requirePageUser("viewer");
  return (
    <>
      <AlertsTabs current="/alerts" />
      <AlertsView canAct={hasRole(user.role, "engineer")} />
    </>
  );
}

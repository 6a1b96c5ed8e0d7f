import { AlertRulesView } from "@/components/alerts/AlertRulesView";
import { AlertsTabs } from "@/components/alerts/AlertsTabs";
import { hasRole } from "@/lib/domain/roles";
import { requirePageUser } from "@/lib/server/auth/page-user";

export default async function AlertRulesPage() {
  const user = await requirePageUser("engineer");
  return (
    <>
      <AlertsTabs current="/alerts/rules" />
      <AlertRulesView canEdit={hasRole(user.role, "admin")} />
    </>
  );
}

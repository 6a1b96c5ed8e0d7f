import { AuditLogView } from "@/components/admin/AuditLogView";
import { requirePageUser } from "@/lib/server/auth/page-user";

export default async function AdminAuditLogViewPage() {
  await requirePageUser("admin");
  return <AuditLogView />;
}

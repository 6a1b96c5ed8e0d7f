import { UsersAdmin } from "@/components/admin/UsersAdmin";
import { requirePageUser } from "@/lib/server/auth/page-user";

export default async function AdminUsersAdminPage() {
  await requirePageUser("admin");
  return <UsersAdmin />;
}

import { TokensAdmin } from "@/components/admin/TokensAdmin";
import { requirePageUser } from "@/lib/server/auth/page-user";

export default async function AdminTokensPage() {
  await requirePageUser("admin");
  return <TokensAdmin />;
}

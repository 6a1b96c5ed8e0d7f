import { PasswordForm } from "@/components/auth/PasswordForm";
import { requirePageUser } from "@/lib/server/auth/page-user";

export default async function PasswordPage() {
  const user = await requirePageUser("viewer", { allowPasswordChange: true });
  return <PasswordForm mustChange={user.mustChangePassword} />;
}

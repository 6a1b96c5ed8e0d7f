import { CertificatesView } from "@/components/certificates/CertificatesView";
import { hasRole } from "@/lib/domain/roles";
import { requirePageUser } from "@/lib/server/auth/page-user";

export default async function CertificatesPage() {
  const user = await requirePageUser("viewer");
  return <CertificatesView canProbe={hasRole(user.role, "engineer")} />;
}

import { AlertsTabs } from "@/components/alerts/AlertsTabs";
import { ChannelsView } from "@/components/alerts/ChannelsView";
import { hasRole } from "@/lib/domain/roles";
import { requirePageUser } from "@/lib/server/auth/page-user";

export default async function AlertChannelsPage() {
  const user = await requirePageUser("engineer");
  return (
    <>
      <AlertsTabs current="/alerts/channels" />
      <ChannelsView canEdit={hasRole(user.role, "admin")} />
    </>
  );
}

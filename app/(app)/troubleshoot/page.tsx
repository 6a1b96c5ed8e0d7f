import { TroubleshootView } from "@/components/troubleshoot/TroubleshootView";
import { requirePageUser } from "@/lib/server/auth/page-user";

export default async function TroubleshootPage() {
  await requirePageUser("engineer");
  return <TroubleshootView />;
}

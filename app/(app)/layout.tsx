import type { ReactNode } from "react";
import { AppHeader } from "@/components/layout/AppHeader";
import { requirePageUser } from "@/lib/server/auth/page-user";

// Every page in this group needs a session; pages needing more than viewer check again.
export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requirePageUser("viewer");
  return (
    <>
      <AppHeader user={user} />
      <main className="mx-auto max-w-[150rem] p-6">{children}</main>
    </>
  );
}

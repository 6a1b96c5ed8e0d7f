import { LoginPanel } from "@/components/auth/LoginPanel";

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string; sso?: string }> }) {
  const { next, sso } = await searchParams;
  return <LoginPanel next={next ?? "/"} sso={sso} />;
}

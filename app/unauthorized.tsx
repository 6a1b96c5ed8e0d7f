import { LoginPanel } from "@/components/auth/LoginPanel";

// Rendered with HTTP 401 wherever a page needs a session: log in right here, then the page reloads.
export default function Unauthorized() {
  return <LoginPanel />;
}

import { LoginForm } from "@/components/auth/LoginForm";

// Rendered with HTTP 401 wherever a page needs a session: log in right here, then the page reloads.
export default function Unauthorized() {
  return <LoginForm />;
}

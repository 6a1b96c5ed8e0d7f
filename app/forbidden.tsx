import Link from "next/link";

// Rendered with HTTP 403 when the user's role is too low for the page.
export default function Forbidden() {
  return (
    <div className="mx-auto mt-24 max-w-md space-y-3 text-center">
      <h1 className="text-2xl font-bold">Not for your role</h1>
      <p className="text-slate-500">This page needs a higher role than yours. Ask an Edgescope admin if you need it.</p>
      <Link href="/" className="text-sky-500 underline">
        Back to the board
      </Link>
    </div>
  );
}

import type { Metadata } from "next";
import type { ReactNode } from "react";
import Link from "next/link";
import { QueryProvider } from "@/components/providers/QueryProvider";
import "./globals.css";

export const metadata: Metadata = {
  title: "Edgescope",
  description: "Health of Cisco Meeting Server WebRTC through the Expressway Web Proxy",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" className="dark">
      <body className="min-h-screen bg-slate-100 text-slate-900 dark:bg-slate-950 dark:text-slate-100">
        <header className="flex items-center gap-6 border-b border-slate-300 px-6 py-3 dark:border-slate-800">
          <Link href="/" className="text-xl font-semibold tracking-tight">
            Edgescope
          </Link>
          <nav className="flex gap-4 text-sm text-slate-600 dark:text-slate-400">
            <Link href="/" className="hover:text-slate-900 dark:hover:text-white">Board</Link>
          </nav>
        </header>
        <QueryProvider>
          <main className="mx-auto max-w-[2400px] p-6">{children}</main>
        </QueryProvider>
      </body>
    </html>
  );
}

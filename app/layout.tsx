import type { Metadata } from "next";
import type { ReactNode } from "react";
import { QueryProvider } from "@/components/providers/QueryProvider";
import "./globals.css";

export const metadata: Metadata = {
  title: "Edgescope",
  description: "Health of Cisco Meeting Server WebRTC through the Expressway Web Proxy",
  // public/: the SVG for browsers that take it, favicon.ico (16/32/48 px PNGs) for the rest and for /favicon.ico.
  icons: {
    icon: [
      { url: "/icon.svg", type: "image/svg+xml" },
      { url: "/favicon.ico", sizes: "16x16 32x32 48x48" },
    ],
  },
};

// Dark by default (wall screens); ThemeToggle switches and remembers the choice.
const themeScript = `try{if(localStorage.getItem("edgescope-theme")==="light")document.documentElement.classList.remove("dark")}catch(e){}`;

export default async function RootLayout({ children }: { children: ReactNode }) {
  const nonce = (await import("next/headers").then((m) => m.headers())).get("x-nonce") ?? undefined;
  return (
    <html lang="en" className="dark" suppressHydrationWarning>
      <head>
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: a constant script (no input in it) under the CSP nonce, run before paint so the theme never flashes */}
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body className="min-h-screen bg-slate-100 text-slate-900 dark:bg-slate-950 dark:text-slate-100">
        <QueryProvider>{children}</QueryProvider>
      </body>
    </html>
  );
}

// Native and Node-only packages stay outside the server bundle and load from node_modules.
// piscina starts its worker from its own folder, so it cannot live in the bundle; the worker
// then loads the analyzers' sources through tsx (lib/server/analyzers/pool/analysis-pool.ts).
/** @type {import('next').NextConfig} */
const nextConfig = {
  serverExternalPackages: [
    "better-sqlite3",
    "@prisma/adapter-better-sqlite3",
    "pg",
    "@prisma/adapter-pg",
    "undici",
    "@node-rs/argon2",
    "piscina",
  ],
  poweredByHeader: false,
  reactStrictMode: true,
  // unauthorized() and forbidden(): real 401/403 pages (login form / "not for your role").
  experimental: { authInterrupts: true },
  async headers() {
    const common = [
      { key: "X-Content-Type-Options", value: "nosniff" },
      { key: "Referrer-Policy", value: "same-origin" },
      { key: "X-Frame-Options", value: "DENY" },
      { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
    ];
    return [
      { source: "/:path*", headers: common },
      // Pages get a nonce-based CSP from proxy.ts; API answers are data and need none of it.
      {
        source: "/api/:path*",
        headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }],
      },
    ];
  },
};

export default nextConfig;

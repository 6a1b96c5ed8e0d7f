// Native and Node-only packages stay outside the server bundle and load from node_modules.
/** @type {import('next').NextConfig} */
const nextConfig = {
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "undici"],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;

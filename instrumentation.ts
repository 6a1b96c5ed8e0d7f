// Next.js calls register() once when the server process starts: that is where the poller lives.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServerRuntime } = await import("@/lib/server/runtime");
  await startServerRuntime();
}

import "server-only";

/** How long one delivery may take; the sender retries later, so a hung receiver costs one slot. */
export const DELIVERY_TIMEOUT_MS = 10_000;

/** A delivery that failed, with the reason the Channels page shows the admin. */
export class DeliveryError extends Error {}

/** POSTs JSON; anything but a 2xx is a failure that quotes the receiver's answer. */
export async function postJson(url: string, body: string, headers: Record<string, string> = {}): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: "POST",
      body,
      headers: { "content-type": "application/json", "user-agent": "Edgescope-alerts", ...headers },
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      redirect: "error",
    });
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    throw new DeliveryError(
      `${new URL(url).host}: ${e.name === "TimeoutError" ? `no answer within ${DELIVERY_TIMEOUT_MS / 1000} s` : (e.cause?.code ?? e.cause?.message ?? e.message)}`,
    );
  }
  const text = (await res.text().catch(() => "")).slice(0, 300);
  if (!res.ok) throw new DeliveryError(`${new URL(url).host} answered HTTP ${res.status}${text ? `: ${text}` : ""}`);
}

import "server-only";
import { CHANNEL_CONFIG, splitSecrets, type ChannelConfig, type ChannelType } from "@/lib/domain/alerts/channel-config";
import type { ChannelInput } from "@/lib/domain/alerts/inputs";
import type { ChannelView } from "@/lib/domain/alerts/types";
import type { SecretBox } from "@/lib/server/crypto/secret-box";
import type { Db } from "@/lib/server/db/client";
import { AppError, notFound } from "@/lib/server/http/app-error";
import type { AlertChannel } from "@/lib/generated/prisma/client";

// Channels: the public part of a configuration as JSON, the secret part sealed in one envelope
// (like node passwords). Views carry only the names of the secrets that are set.

export function channelView(c: AlertChannel): ChannelView {
  return {
    id: c.id,
    name: c.name,
    type: c.type as ChannelType,
    config: JSON.parse(c.config) as Record<string, unknown>,
    secretsSet: c.secretsEnc ? (JSON.parse(c.secretsEnc.slice(0, c.secretsEnc.indexOf("|"))) as string[]) : [],
    enabled: c.enabled,
    failing: c.failingSince !== null,
    failingSince: c.failingSince?.toISOString() ?? null,
    lastError: c.lastError,
    lastSentAt: c.lastSentAt?.toISOString() ?? null,
  };
}

/** secretsEnc = JSON list of secret names | sealed JSON of their values (names readable without the key). */
function sealSecrets(box: SecretBox, secrets: Record<string, unknown>): string | null {
  const names = Object.keys(secrets);
  return names.length ? `${JSON.stringify(names)}|${box.seal(JSON.stringify(secrets))}` : null;
}
function openSecrets(box: SecretBox, enc: string | null): Record<string, unknown> {
  if (!enc) return {};
  return JSON.parse(box.open(enc.slice(enc.indexOf("|") + 1))) as Record<string, unknown>;
}

/** The full configuration a sender needs (never leaves the server). */
export function channelConfig<T extends ChannelType>(c: AlertChannel, box: SecretBox): ChannelConfig<T> {
  return { ...JSON.parse(c.config), ...openSecrets(box, c.secretsEnc) } as ChannelConfig<T>;
}

function validate(type: ChannelType, config: Record<string, unknown>): Record<string, unknown> {
  const parsed = CHANNEL_CONFIG[type].safeParse(config);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new AppError(400, "bad_request", `config.${i.path.join(".") || "?"}: ${i.message}`);
  }
  return parsed.data as Record<string, unknown>;
}

export async function listChannels(db: Db): Promise<ChannelView[]> {
  return (await db.alertChannel.findMany({ orderBy: { name: "asc" } })).map(channelView);
}

const conflict = () => new AppError(409, "conflict", "A channel with this name exists");
const isUnique = (err: unknown) => (err as { code?: string }).code === "P2002";

export async function createChannel(db: Db, box: SecretBox, input: ChannelInput): Promise<ChannelView> {
  const { pub, secrets } = splitSecrets(input.type, validate(input.type, input.config));
  try {
    return channelView(
      await db.alertChannel.create({
        data: {
          name: input.name,
          type: input.type,
          enabled: input.enabled,
          config: JSON.stringify(pub),
          secretsEnc: sealSecrets(box, secrets),
        },
      }),
    );
  } catch (err) {
    throw isUnique(err) ? conflict() : err;
  }
}

/** A secret left out keeps its stored value (the form never has it); "" clears an optional one. */
export async function updateChannel(db: Db, box: SecretBox, id: string, input: ChannelInput): Promise<ChannelView> {
  const row = await db.alertChannel.findUnique({ where: { id } });
  if (!row) throw notFound("Channel");
  const kept = row.type === input.type ? openSecrets(box, row.secretsEnc) : {};
  const merged = { ...kept, ...input.config };
  for (const [k, v] of Object.entries(merged)) if (v === "" || v === null) delete merged[k];
  const { pub, secrets } = splitSecrets(input.type, validate(input.type, merged));
  try {
    const updated = await db.alertChannel.update({
      where: { id },
      data: {
        name: input.name,
        type: input.type,
        enabled: input.enabled,
        config: JSON.stringify(pub),
        secretsEnc: sealSecrets(box, secrets),
        failingSince: null,
        failures: 0,
        lastError: null,
      },
    });
    return channelView(updated);
  } catch (err) {
    throw isUnique(err) ? conflict() : err;
  }
}

export async function deleteChannel(db: Db, id: string): Promise<string> {
  const row = await db.alertChannel.findUnique({ where: { id }, select: { name: true } });
  if (!row) throw notFound("Channel");
  await db.$transaction([
    db.alertMessage.deleteMany({ where: { channelId: id, status: "pending" } }),
    db.alertChannel.delete({ where: { id } }),
  ]);
  return row.name;
}

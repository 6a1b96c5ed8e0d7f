// The provisioning file (EDGESCOPE_PROVISION, docs/integrations.md): deployments, nodes, resolvers,
// TURN credentials, alert channels and rules. Each object reuses the schema its API route validates
// with; the file only swaps secrets for the names of environment variables that hold them, and ids
// for names (a file cannot know ids).
import { z } from "zod";
import { secretKeysOf } from "@/lib/domain/alerts/channel-config";
import { channelInput, ruleInput } from "@/lib/domain/alerts/inputs";
import { deploymentInput, nodeInput, turnCredentialInput } from "@/lib/domain/deployment-input";

/** A POSIX-style environment variable name. */
const envName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "Must be an environment variable name, e.g. VCS_E1_PASSWORD");

/** A literal secret in the file is refused: files get committed and copied, environments are meant for secrets. */
const noLiteral = (envKey: string) =>
  z.never({ message: `Secrets never go in the file: name an environment variable with ${envKey}` }).optional();

export const provisionTurnCredential = turnCredentialInput
  .omit({ password: true })
  .extend({ passwordEnv: envName, password: noLiteral("passwordEnv") })
  .strict();

export const provisionNode = nodeInput
  .omit({ password: true })
  .extend({
    passwordEnv: envName,
    password: noLiteral("passwordEnv"),
    turnCredential: provisionTurnCredential.optional(),
  })
  .strict();

export const provisionDeployment = deploymentInput
  .extend({ nodes: z.array(provisionNode).max(100).default([]) })
  .strict();

export const provisionChannel = channelInput
  .extend({
    /** Non-secret settings only (url, host, to…). */
    config: z.record(z.string(), z.unknown()).default({}),
    /** {secretField: ENV_NAME}, e.g. {token: WEBEX_TOKEN} */
    secretEnv: z.record(z.string(), envName).default({}),
  })
  .strict();

export const provisionRule = ruleInput
  .omit({ deploymentIds: true, channelIds: true })
  .extend({
    /** Deployment names from this file; none = every deployment. */
    deployments: z.array(z.string()).max(500).optional(),
    /** Channel names from this file. */
    channels: z.array(z.string()).max(20),
  })
  .strict();

export const provisionFile = z
  .object({
    deployments: z.array(provisionDeployment).max(500).default([]),
    channels: z.array(provisionChannel).max(200).default([]),
    rules: z.array(provisionRule).max(500).default([]),
  })
  .strict()
  .superRefine((f, ctx) => {
    const dup = (list: { name: string }[], where: string) =>
      list.forEach((o, i) => {
        if (list.findIndex((p) => p.name === o.name) !== i)
          ctx.addIssue({ code: "custom", path: [where, i, "name"], message: `"${o.name}" is declared twice` });
      });
    dup(f.deployments, "deployments");
    dup(f.channels, "channels");
    dup(f.rules, "rules");
    f.deployments.forEach((d, di) => {
      d.nodes.forEach((n, ni) => {
        if (d.nodes.findIndex((m) => m.name === n.name) !== ni)
          ctx.addIssue({
            code: "custom",
            path: ["deployments", di, "nodes", ni, "name"],
            message: `"${n.name}" is declared twice in this deployment`,
          });
        if (n.turnCredential && n.role !== "EXPRESSWAY_E")
          ctx.addIssue({
            code: "custom",
            path: ["deployments", di, "nodes", ni, "turnCredential"],
            message: "TURN credentials belong to an Expressway-E node",
          });
      });
    });
    f.channels.forEach((c, ci) => {
      const secret = new Set(secretKeysOf(c.type));
      for (const key of Object.keys(c.config)) {
        if (secret.has(key))
          ctx.addIssue({
            code: "custom",
            path: ["channels", ci, "config", key],
            message: `Secrets never go in the file: name an environment variable in secretEnv.${key}`,
          });
      }
      for (const key of Object.keys(c.secretEnv)) {
        if (!secret.has(key))
          ctx.addIssue({
            code: "custom",
            path: ["channels", ci, "secretEnv", key],
            message: `A ${c.type} channel has no secret "${key}" (its secrets: ${[...secret].join(", ") || "none"})`,
          });
      }
    });
    const deployments = new Set(f.deployments.map((d) => d.name));
    const channels = new Set(f.channels.map((c) => c.name));
    f.rules.forEach((r, ri) => {
      r.deployments?.forEach((n, i) => {
        if (!deployments.has(n))
          ctx.addIssue({
            code: "custom",
            path: ["rules", ri, "deployments", i],
            message: `No deployment named "${n}" in this file`,
          });
      });
      r.channels.forEach((n, i) => {
        if (!channels.has(n))
          ctx.addIssue({
            code: "custom",
            path: ["rules", ri, "channels", i],
            message: `No channel named "${n}" in this file`,
          });
      });
    });
  });

export type ProvisionFile = z.infer<typeof provisionFile>;
export type ProvisionDeployment = z.infer<typeof provisionDeployment>;
export type ProvisionNode = z.infer<typeof provisionNode>;
export type ProvisionChannel = z.infer<typeof provisionChannel>;
export type ProvisionRule = z.infer<typeof provisionRule>;

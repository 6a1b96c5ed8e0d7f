import "server-only";
import fs from "node:fs";
import { LineCounter, parseDocument, isNode, type Document } from "yaml";
import type { z } from "zod";
import { CHANNEL_CONFIG, secretKeysOf } from "@/lib/domain/alerts/channel-config";
import type { ChannelInput } from "@/lib/domain/alerts/inputs";
import type { DeploymentInput, NodeInput, TurnCredentialInput } from "@/lib/domain/deployment-input";
import { provisionFile, type ProvisionRule } from "@/lib/domain/provisioning/file-schema";

// Reads a provisioning file into a plan: YAML (the `yaml` package, which keeps source positions)
// → the file schema → secrets from the environment. Every refusal names the file, the line and the
// field, like gatus: "deployments.yaml:14: deployments[0].nodes[1].baseUrl: Must be a URL …".

export class ProvisionFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly field: string | null,
    readonly reason: string,
  ) {
    super(`${file}${line ? `:${line}` : ""}: ${field ? `${field}: ` : ""}${reason}`);
  }
}

export interface PlannedNode {
  input: NodeInput;
  passwordEnv: string;
  turnCredential?: { input: TurnCredentialInput; passwordEnv: string };
}
export interface ProvisionPlan {
  file: string;
  deployments: { input: DeploymentInput; nodes: PlannedNode[] }[];
  channels: { input: ChannelInput; secretEnv: Record<string, string> }[];
  rules: ProvisionRule[];
}

type Path = readonly PropertyKey[];

/** "deployments[0].nodes[1].baseUrl" */
export const fieldName = (path: Path) =>
  path.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i ? "." : ""}${String(p)}`)).join("");

/** The line of the deepest YAML node the path reaches (a missing key points at its parent object). */
function lineOf(doc: Document, counter: LineCounter, path: Path): number | null {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n) as unknown[], true);
    if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
  }
  return null;
}

export function parseProvisionText(
  file: string,
  text: string,
  env: Record<string, string | undefined> = process.env,
): ProvisionPlan {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  const yamlError = doc.errors[0];
  if (yamlError)
    throw new ProvisionFileError(
      file,
      counter.linePos(yamlError.pos[0]).line,
      null,
      `not valid YAML: ${yamlError.message.split("\n")[0]}`,
    );
  const refuse = (path: Path, reason: string) =>
    new ProvisionFileError(file, lineOf(doc, counter, path), fieldName(path), reason);

  const parsed = provisionFile.safeParse(doc.toJS() ?? {});
  if (!parsed.success) {
    const issue = firstIssue(parsed.error);
    throw refuse(issue.path, issue.message);
  }
  const secret = (path: Path, name: string) => {
    const value = env[name];
    if (!value)
      throw refuse(
        path,
        `environment variable ${name} is not set (secrets come from the environment, never from the file)`,
      );
    return value;
  };

  const deployments = parsed.data.deployments.map(({ nodes, ...deployment }, di) => ({
    input: deployment,
    nodes: nodes.map(({ passwordEnv, turnCredential, password: _literal, ...node }, ni): PlannedNode => {
      const at = ["deployments", di, "nodes", ni];
      const planned: PlannedNode = {
        input: { ...node, password: secret([...at, "passwordEnv"], passwordEnv) },
        passwordEnv,
      };
      if (turnCredential) {
        planned.turnCredential = {
          input: {
            username: turnCredential.username,
            password: secret([...at, "turnCredential", "passwordEnv"], turnCredential.passwordEnv),
          },
          passwordEnv: turnCredential.passwordEnv,
        };
      }
      return planned;
    }),
  }));

  const channels = parsed.data.channels.map(({ secretEnv, ...channel }, ci) => {
    const secrets = Object.fromEntries(
      Object.entries(secretEnv).map(([key, name]) => [key, secret(["channels", ci, "secretEnv", key], name)]),
    );
    // The same per-type schema the channel API checks with, on the configuration the sender will get.
    const full = CHANNEL_CONFIG[channel.type].safeParse({ ...channel.config, ...secrets });
    if (!full.success) {
      const issue = full.error.issues[0]!;
      const key = String(issue.path[0] ?? "");
      // A missing secret is asked for where it belongs: secretEnv (never config).
      const isSecret = secretKeysOf(channel.type).includes(key);
      throw refuse(
        ["channels", ci, isSecret ? "secretEnv" : "config", ...issue.path],
        isSecret && !(key in secretEnv)
          ? `required: name the environment variable holding it in secretEnv.${key}`
          : issue.message,
      );
    }
    return { input: { ...channel, config: full.data as Record<string, unknown> }, secretEnv };
  });

  return { file, deployments, channels, rules: parsed.data.rules };
}

function firstIssue(error: z.ZodError): { path: Path; message: string } {
  const issue = error.issues[0]!;
  // An unknown key is reported on its object; point at the key itself.
  if (issue.code === "unrecognized_keys")
    return {
      path: [...issue.path, issue.keys[0]!],
      message: `unknown field (allowed fields are those of the API, see docs/integrations.md)`,
    };
  return { path: issue.path, message: issue.message };
}

export function readProvisionFile(file: string, env: Record<string, string | undefined> = process.env): ProvisionPlan {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new ProvisionFileError(
      file,
      null,
      null,
      `cannot read the provisioning file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
    );
  }
  return parseProvisionText(file, text, env);
}

import "server-only";
import { z } from "zod";

/** Ids are cuids; anything else is a typo or a probe and gets a clear 400. */
export const idParam = z.string().regex(/^[a-z0-9]{10,40}$/i, "must be an Edgescope id");
export const deploymentParams = z.object({ id: idParam });
export const nodeParams = z.object({ id: idParam, nodeId: idParam });

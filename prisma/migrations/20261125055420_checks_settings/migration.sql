-- AlterTable
ALTER TABLE "node" ADD COLUMN "tls_probe_target" TEXT;
ALTER TABLE "node" ADD COLUMN "turn_probe_target" TEXT;

-- CreateTable
CREATE TABLE "turn_credential" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "deployment_id" TEXT NOT NULL,
    "node_id" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "password_enc" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL,
    CONSTRAINT "turn_credential_deployment_id_fkey" FOREIGN KEY ("deployment_id") REFERENCES "deployment" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "turn_credential_node_id_fkey" FOREIGN KEY ("node_id") REFERENCES "node" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_deployment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "join_url" TEXT NOT NULL,
    "call_bridge_domain" TEXT NOT NULL,
    "jabber_guest" BOOLEAN NOT NULL DEFAULT false,
    "outside_resolver" TEXT,
    "inside_resolver" TEXT,
    "rtt_threshold_ms" INTEGER NOT NULL DEFAULT 200,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL
);
INSERT INTO "new_deployment" ("call_bridge_domain", "created_at", "id", "join_url", "name", "updated_at") SELECT "call_bridge_domain", "created_at", "id", "join_url", "name", "updated_at" FROM "deployment";
DROP TABLE "deployment";
ALTER TABLE "new_deployment" RENAME TO "deployment";
CREATE UNIQUE INDEX "deployment_name_key" ON "deployment"("name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "turn_credential_node_id_key" ON "turn_credential"("node_id");

-- CreateIndex
CREATE INDEX "turn_credential_deployment_id_idx" ON "turn_credential"("deployment_id");

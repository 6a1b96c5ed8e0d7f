-- CreateTable
CREATE TABLE "deployment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "join_url" TEXT NOT NULL,
    "call_bridge_domain" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "node" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "deployment_id" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "base_url" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "password_enc" TEXT NOT NULL,
    "ca_pem" TEXT,
    "tls_insecure" BOOLEAN NOT NULL DEFAULT false,
    "private_address" TEXT,
    "public_address" TEXT,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL,
    CONSTRAINT "node_deployment_id_fkey" FOREIGN KEY ("deployment_id") REFERENCES "deployment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "poll_run" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "node_id" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "started_at" DATETIME NOT NULL,
    "finished_at" DATETIME NOT NULL,
    "outcome" TEXT NOT NULL,
    "message" TEXT,
    CONSTRAINT "poll_run_node_id_fkey" FOREIGN KEY ("node_id") REFERENCES "node" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "turn_relay_sample" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "node_id" TEXT NOT NULL,
    "ts" DATETIME NOT NULL,
    "current" INTEGER NOT NULL,
    "peak" INTEGER NOT NULL,
    "total" INTEGER NOT NULL,
    "server_status" TEXT,
    CONSTRAINT "turn_relay_sample_node_id_fkey" FOREIGN KEY ("node_id") REFERENCES "node" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "deployment_name_key" ON "deployment"("name");

-- CreateIndex
CREATE UNIQUE INDEX "node_deployment_id_name_key" ON "node"("deployment_id", "name");

-- CreateIndex
CREATE INDEX "poll_run_node_id_source_started_at_idx" ON "poll_run"("node_id", "source", "started_at");

-- CreateIndex
CREATE INDEX "turn_relay_sample_node_id_ts_idx" ON "turn_relay_sample"("node_id", "ts");

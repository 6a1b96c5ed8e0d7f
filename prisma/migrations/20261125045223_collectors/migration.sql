-- CreateTable
CREATE TABLE "turn_port_sample" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "node_id" TEXT NOT NULL,
    "ts" DATETIME NOT NULL,
    "port" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,
    "udp" INTEGER,
    "tcp" INTEGER,
    CONSTRAINT "turn_port_sample_node_id_fkey" FOREIGN KEY ("node_id") REFERENCES "node" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "turn_server_sample" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "node_id" TEXT NOT NULL,
    "turn_server_id" TEXT NOT NULL,
    "host_address" TEXT NOT NULL,
    "ts" DATETIME NOT NULL,
    "rtt_ms" REAL,
    "allocations" INTEGER,
    CONSTRAINT "turn_server_sample_node_id_fkey" FOREIGN KEY ("node_id") REFERENCES "node" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "system_sample" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "node_id" TEXT NOT NULL,
    "ts" DATETIME NOT NULL,
    "uptime_seconds" INTEGER,
    "call_legs_active" INTEGER,
    CONSTRAINT "system_sample_node_id_fkey" FOREIGN KEY ("node_id") REFERENCES "node" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "snapshot" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "node_id" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "content_hash" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "first_seen_at" DATETIME NOT NULL,
    "last_seen_at" DATETIME NOT NULL,
    CONSTRAINT "snapshot_node_id_fkey" FOREIGN KEY ("node_id") REFERENCES "node" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "turn_port_sample_node_id_ts_idx" ON "turn_port_sample"("node_id", "ts");

-- CreateIndex
CREATE INDEX "turn_server_sample_node_id_ts_idx" ON "turn_server_sample"("node_id", "ts");

-- CreateIndex
CREATE INDEX "turn_server_sample_turn_server_id_ts_idx" ON "turn_server_sample"("turn_server_id", "ts");

-- CreateIndex
CREATE INDEX "system_sample_node_id_ts_idx" ON "system_sample"("node_id", "ts");

-- CreateIndex
CREATE INDEX "snapshot_node_id_source_id_idx" ON "snapshot"("node_id", "source", "id");

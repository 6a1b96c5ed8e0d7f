-- CreateTable
CREATE TABLE "turn_port_sample" (
    "id" SERIAL NOT NULL,
    "node_id" TEXT NOT NULL,
    "ts" TIMESTAMP(3) NOT NULL,
    "port" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,
    "udp" INTEGER,
    "tcp" INTEGER,

    CONSTRAINT "turn_port_sample_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "turn_server_sample" (
    "id" SERIAL NOT NULL,
    "node_id" TEXT NOT NULL,
    "turn_server_id" TEXT NOT NULL,
    "host_address" TEXT NOT NULL,
    "ts" TIMESTAMP(3) NOT NULL,
    "rtt_ms" DOUBLE PRECISION,
    "allocations" INTEGER,

    CONSTRAINT "turn_server_sample_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "system_sample" (
    "id" SERIAL NOT NULL,
    "node_id" TEXT NOT NULL,
    "ts" TIMESTAMP(3) NOT NULL,
    "uptime_seconds" INTEGER,
    "call_legs_active" INTEGER,

    CONSTRAINT "system_sample_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "snapshot" (
    "id" SERIAL NOT NULL,
    "node_id" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "content_hash" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "first_seen_at" TIMESTAMP(3) NOT NULL,
    "last_seen_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "snapshot_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "turn_port_sample" ADD CONSTRAINT "turn_port_sample_node_id_fkey" FOREIGN KEY ("node_id") REFERENCES "node"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "turn_server_sample" ADD CONSTRAINT "turn_server_sample_node_id_fkey" FOREIGN KEY ("node_id") REFERENCES "node"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "system_sample" ADD CONSTRAINT "system_sample_node_id_fkey" FOREIGN KEY ("node_id") REFERENCES "node"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "snapshot" ADD CONSTRAINT "snapshot_node_id_fkey" FOREIGN KEY ("node_id") REFERENCES "node"("id") ON DELETE CASCADE ON UPDATE CASCADE;

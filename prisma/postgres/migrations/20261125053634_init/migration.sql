-- CreateEnum
CREATE TYPE "NodeRole" AS ENUM ('EXPRESSWAY_C', 'EXPRESSWAY_E', 'CMS');

-- CreateEnum
CREATE TYPE "PollOutcome" AS ENUM ('ok', 'timeout', 'unreachable', 'auth', 'tls', 'http', 'parse');

-- CreateEnum
CREATE TYPE "UserRole" AS ENUM ('viewer', 'engineer', 'admin');

-- CreateTable
CREATE TABLE "deployment" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "join_url" TEXT NOT NULL,
    "call_bridge_domain" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "deployment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "node" (
    "id" TEXT NOT NULL,
    "deployment_id" TEXT NOT NULL,
    "role" "NodeRole" NOT NULL,
    "name" TEXT NOT NULL,
    "base_url" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "password_enc" TEXT NOT NULL,
    "ca_pem" TEXT,
    "tls_insecure" BOOLEAN NOT NULL DEFAULT false,
    "private_address" TEXT,
    "public_address" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "node_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "poll_run" (
    "id" SERIAL NOT NULL,
    "node_id" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "started_at" TIMESTAMP(3) NOT NULL,
    "finished_at" TIMESTAMP(3) NOT NULL,
    "outcome" "PollOutcome" NOT NULL,
    "message" TEXT,

    CONSTRAINT "poll_run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "turn_relay_sample" (
    "id" SERIAL NOT NULL,
    "node_id" TEXT NOT NULL,
    "ts" TIMESTAMP(3) NOT NULL,
    "current" INTEGER NOT NULL,
    "peak" INTEGER NOT NULL,
    "total" INTEGER NOT NULL,
    "server_status" TEXT,

    CONSTRAINT "turn_relay_sample_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "user" (
    "id" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "role" "UserRole" NOT NULL,
    "must_change_password" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "last_login_at" TIMESTAMP(3),

    CONSTRAINT "user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "session" (
    "id" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMP(3) NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "ip" TEXT,

    CONSTRAINT "session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" SERIAL NOT NULL,
    "ts" TIMESTAMP(3) NOT NULL,
    "username" TEXT,
    "action" TEXT NOT NULL,
    "target" TEXT,
    "detail" TEXT,
    "ip" TEXT,
    "outcome" TEXT NOT NULL DEFAULT 'ok',

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "setting" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "setting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "poll_lease" (
    "node_id" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "poll_lease_pkey" PRIMARY KEY ("node_id")
);

-- CreateTable
CREATE TABLE "poller_instance" (
    "id" TEXT NOT NULL,
    "started_at" TIMESTAMP(3) NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "poller_instance_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "deployment_name_key" ON "deployment"("name");

-- CreateIndex
CREATE UNIQUE INDEX "node_deployment_id_name_key" ON "node"("deployment_id", "name");

-- CreateIndex
CREATE INDEX "poll_run_node_id_source_started_at_idx" ON "poll_run"("node_id", "source", "started_at");

-- CreateIndex
CREATE INDEX "turn_relay_sample_node_id_ts_idx" ON "turn_relay_sample"("node_id", "ts");

-- CreateIndex
CREATE UNIQUE INDEX "user_username_key" ON "user"("username");

-- CreateIndex
CREATE UNIQUE INDEX "session_token_hash_key" ON "session"("token_hash");

-- CreateIndex
CREATE INDEX "session_user_id_idx" ON "session"("user_id");

-- CreateIndex
CREATE INDEX "audit_log_ts_idx" ON "audit_log"("ts");

-- CreateIndex
CREATE INDEX "poll_lease_holder_idx" ON "poll_lease"("holder");

-- AddForeignKey
ALTER TABLE "node" ADD CONSTRAINT "node_deployment_id_fkey" FOREIGN KEY ("deployment_id") REFERENCES "deployment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "poll_run" ADD CONSTRAINT "poll_run_node_id_fkey" FOREIGN KEY ("node_id") REFERENCES "node"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "turn_relay_sample" ADD CONSTRAINT "turn_relay_sample_node_id_fkey" FOREIGN KEY ("node_id") REFERENCES "node"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "session" ADD CONSTRAINT "session_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

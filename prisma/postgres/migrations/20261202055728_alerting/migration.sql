-- CreateTable
CREATE TABLE "alert_channel" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "config" TEXT NOT NULL,
    "secrets_enc" TEXT,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "failing_since" TIMESTAMP(3),
    "last_error" TEXT,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "last_sent_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "alert_channel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_rule" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "deployment_ids" TEXT NOT NULL DEFAULT '[]',
    "areas" TEXT NOT NULL DEFAULT '[]',
    "check_ids" TEXT NOT NULL DEFAULT '[]',
    "channel_ids" TEXT NOT NULL DEFAULT '[]',
    "min_severity" TEXT NOT NULL,
    "pending_seconds" INTEGER,
    "recovery_seconds" INTEGER,
    "repeat_minutes" INTEGER,
    "notify_on_resolve" BOOLEAN NOT NULL DEFAULT true,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "alert_rule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert" (
    "id" TEXT NOT NULL,
    "rule_id" TEXT NOT NULL,
    "deployment_id" TEXT NOT NULL,
    "condition_key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "since" TIMESTAMP(3) NOT NULL,
    "fired_at" TIMESTAMP(3),
    "ok_since" TIMESTAMP(3),
    "resolved_at" TIMESTAMP(3),
    "notified" BOOLEAN NOT NULL DEFAULT false,
    "last_notified_at" TIMESTAMP(3),
    "silenced_until" TIMESTAMP(3),
    "silenced_by" TEXT,
    "acked_by" TEXT,
    "acked_at" TIMESTAMP(3),
    "detail" TEXT NOT NULL,
    "diagnosis" TEXT NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "alert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_message" (
    "id" TEXT NOT NULL,
    "alert_id" TEXT,
    "channel_id" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMP(3) NOT NULL,
    "lease_holder" TEXT,
    "lease_until" TIMESTAMP(3),
    "last_error" TEXT,
    "sent_at" TIMESTAMP(3),
    "sent_by" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "alert_message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "maintenance_window" (
    "id" TEXT NOT NULL,
    "deployment_id" TEXT,
    "starts_at" TIMESTAMP(3),
    "ends_at" TIMESTAMP(3),
    "cron" TEXT,
    "duration_minutes" INTEGER,
    "timezone" TEXT,
    "reason" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "maintenance_window_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "job_lease" (
    "name" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "job_lease_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE UNIQUE INDEX "alert_channel_name_key" ON "alert_channel"("name");

-- CreateIndex
CREATE UNIQUE INDEX "alert_rule_name_key" ON "alert_rule"("name");

-- CreateIndex
CREATE INDEX "alert_rule_id_deployment_id_condition_key_state_idx" ON "alert"("rule_id", "deployment_id", "condition_key", "state");

-- CreateIndex
CREATE INDEX "alert_state_idx" ON "alert"("state");

-- CreateIndex
CREATE INDEX "alert_message_status_next_attempt_at_idx" ON "alert_message"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "alert_message_alert_id_idx" ON "alert_message"("alert_id");

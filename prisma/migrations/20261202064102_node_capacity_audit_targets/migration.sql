-- AlterTable
ALTER TABLE "node" ADD COLUMN "tls_audit_targets" TEXT;
ALTER TABLE "node" ADD COLUMN "turn_relay_capacity" INTEGER;

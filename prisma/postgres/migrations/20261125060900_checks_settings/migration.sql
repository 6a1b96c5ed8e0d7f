-- AlterTable
ALTER TABLE "deployment" ADD COLUMN     "inside_resolver" TEXT,
ADD COLUMN     "jabber_guest" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "outside_resolver" TEXT,
ADD COLUMN     "rtt_threshold_ms" INTEGER NOT NULL DEFAULT 200;

-- AlterTable
ALTER TABLE "node" ADD COLUMN     "tls_probe_target" TEXT,
ADD COLUMN     "turn_probe_target" TEXT;

-- CreateTable
CREATE TABLE "turn_credential" (
    "id" TEXT NOT NULL,
    "deployment_id" TEXT NOT NULL,
    "node_id" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "password_enc" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "turn_credential_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "turn_credential_node_id_key" ON "turn_credential"("node_id");

-- CreateIndex
CREATE INDEX "turn_credential_deployment_id_idx" ON "turn_credential"("deployment_id");

-- AddForeignKey
ALTER TABLE "turn_credential" ADD CONSTRAINT "turn_credential_deployment_id_fkey" FOREIGN KEY ("deployment_id") REFERENCES "deployment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "turn_credential" ADD CONSTRAINT "turn_credential_node_id_fkey" FOREIGN KEY ("node_id") REFERENCES "node"("id") ON DELETE CASCADE ON UPDATE CASCADE;

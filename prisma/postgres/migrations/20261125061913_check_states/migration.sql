-- CreateTable
CREATE TABLE "check_state" (
    "id" SERIAL NOT NULL,
    "deployment_id" TEXT NOT NULL,
    "check_id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "check_state_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "check_state_deployment_id_check_id_at_idx" ON "check_state"("deployment_id", "check_id", "at");

-- AddForeignKey
ALTER TABLE "check_state" ADD CONSTRAINT "check_state_deployment_id_fkey" FOREIGN KEY ("deployment_id") REFERENCES "deployment"("id") ON DELETE CASCADE ON UPDATE CASCADE;
